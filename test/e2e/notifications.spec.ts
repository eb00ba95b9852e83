import { expect, test } from '@playwright/test';
import { openTicketOnServer, signIn, startWorkspace, type Workspace } from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace();
});
test.afterAll(async () => {
  await workspace.close();
});

test('a ticket newly assigned to the agent raises a notification that opens it', async ({
  page,
}) => {
  // Record notifications instead of showing them: the page sees the real Web Notifications API shape.
  await page.addInitScript(() => {
    const shown: { title: string; body: string; tag: string }[] = [];
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string; tag: string }) {
        shown.push({ title, body: options.body, tag: options.tag });
        // The agent's other tickets may raise SLA warnings too: keep each by title to click it.
        (globalThis as unknown as { byTitle: Record<string, RecordedNotification> }).byTitle ??= {};
        (globalThis as unknown as { byTitle: Record<string, RecordedNotification> }).byTitle[
          title
        ] = this;
      }
    }
    Object.assign(globalThis, { Notification: RecordedNotification, shownNotifications: shown });
  });
  await page.goto(workspace.host.url);
  await signIn(page, workspace.sim);
  const userId = await page.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        hubdesk: { session: { status(): Promise<{ userId: number | null }> } };
      }
    ).hubdesk;
    return (await api.session.status()).userId;
  });
  // The simulator's API user: a ticket opened through the API is assigned to it by default.
  expect(userId).toBe(4903);
  await expect(page.getByTestId('last-sync')).not.toHaveText(/nunca/, { timeout: 30_000 });
  // Only what comes after the first sync counts: forget anything recorded while it ran.
  await page.evaluate(() => {
    (globalThis as unknown as { shownNotifications: unknown[] }).shownNotifications.length = 0;
  });

  const [someTicket] = workspace.sim
    .state({ only: 'changed' })
    .concat(workspace.sim.state().slice(0, 1));
  const description = `Cliente sem sinal desde a chuva ${Date.now()}`;
  await openTicketOnServer(workspace.sim, someTicket?.serviceId ?? 0, description);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();

  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            (globalThis as unknown as { shownNotifications: { title: string }[] })
              .shownNotifications,
        ),
      { timeout: 30_000 },
    )
    .toContainEqual(expect.objectContaining({ title: 'Novo atendimento para você' }));

  await page.evaluate(() =>
    (globalThis as unknown as { byTitle: Record<string, { onclick: () => void }> }).byTitle[
      'Novo atendimento para você'
    ]!.onclick(),
  );
  await expect(page.getByTestId('timeline-opening')).toContainText(description);
});
