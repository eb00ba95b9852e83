import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import { signIn, startWorkspace, type Workspace } from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace({ tickets: 120 });
});
test.afterEach(() => {
  workspace.sim.setDeviations({});
});
test.afterAll(async () => {
  await workspace.close();
});

test('"Testar conexão" on the sign-in screen shows the compatibility report after the check', async ({
  page,
}) => {
  await page.goto(workspace.host.url);
  await page.getByLabel('Endereço do servidor').fill(workspace.sim.url);
  await page.getByLabel('ID do cliente').fill(DEMO_ACCOUNT.clientId);
  await page.getByLabel('Segredo do cliente').fill(DEMO_ACCOUNT.clientSecret);
  await page.getByLabel('Usuário (e-mail)').fill(DEMO_ACCOUNT.username);
  await page.getByLabel('Senha', { exact: true }).fill(DEMO_ACCOUNT.password);
  workspace.sim.setDeviations({ paginadoIgnoresPagina: true });
  await page.getByRole('button', { name: 'Testar conexão' }).click();
  await expect(page.getByTestId('connection-check')).toBeVisible({ timeout: 20_000 });
  const report = page.getByTestId('compatibility-report');
  await expect(report.locator('[data-probe="list_paginado"]')).toContainText(
    'só respeita o parâmetro "page"',
  );
  await expect(report.locator('[data-probe="list_todos"]')).toContainText('Funciona');
});

test('"Verificar compatibilidade" in Settings lists each endpoint, with the deviation this server shows and what the app does', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(workspace.host.url);
  await signIn(page, workspace.sim);
  // This tenant keys its periods the old way and spells success "suscess".
  workspace.sim.setDeviations({ periodsLegacyKey: true, legacySuscess: true });
  await page.getByRole('link', { name: 'Configurações' }).click();
  await page.getByRole('button', { name: 'Verificar compatibilidade' }).click();

  const report = page.getByTestId('compatibility-report');
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(report.getByRole('listitem')).toHaveCount(12);
  const signInEntry = report.locator('[data-probe="sign_in"]');
  await expect(signInEntry).toContainText('Funciona');
  await expect(signInEntry).toContainText('✓');
  const periods = report.locator('[data-probe="config_availability_periods"]');
  await expect(periods).toContainText('Funciona, com diferenças');
  await expect(periods).toContainText('id_disponibilidade em vez de id_periodo_dia');
  await expect(periods).toContainText('3 itens');
  await expect(report.locator('[data-probe="list_todos"]')).toContainText('grafia antiga');
  await expect(report.locator('[data-probe="detail"]')).toContainText(
    'o app mantém os horários da lista',
  );
  await page
    .getByRole('heading', { name: 'Compatibilidade com o servidor' })
    .scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/compatibility-settings.png' });
  await periods.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/compatibility-settings-periods.png' });

  // The report stays for the next visit, and the diagnostics bundle carries it without secrets.
  await page.reload();
  await expect(page.getByTestId('compatibility-report')).toBeVisible();
  await page.getByRole('button', { name: 'Exportar diagnóstico' }).click();
  const result = page.getByTestId('diagnostics-result');
  await expect(result).toContainText('Diagnóstico salvo em');
  const saved = (await result.textContent())!.replace('Diagnóstico salvo em', '').trim();
  const bundle = readFileSync(saved, 'utf8');
  const parsed = JSON.parse(bundle) as {
    compatibility: { entries: { probe: string; deviations: string[] }[] };
  };
  expect(parsed.compatibility.entries).toHaveLength(12);
  expect(
    parsed.compatibility.entries.find((entry) => entry.probe === 'config_availability_periods')
      ?.deviations,
  ).toEqual(['status_suscess', 'periods_legacy_key']);
  expect(bundle).not.toContain(DEMO_ACCOUNT.clientSecret);
});
