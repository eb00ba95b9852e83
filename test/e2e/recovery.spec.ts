import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { corruptMiddle } from '../integration/store/damage';
import { startHostProcess } from '../support/host-process';
import {
  openFirstTicket,
  openWorkspace,
  startWorkspace,
  storedDraft,
  type Workspace,
} from '../support/workspace';

let workspace: Workspace;

test.beforeAll(async () => {
  workspace = await startWorkspace();
});
test.afterAll(async () => {
  await workspace.close();
});

/** Every SQLite cache file under the data folder. */
function cacheFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => path.join(dir, name));
}

test('a cache found damaged at start is rebuilt, the agent is told, and the draft survives', async ({
  page,
}) => {
  await openWorkspace(page, workspace);
  await openFirstTicket(page);
  const key = decodeURIComponent(new URL(page.url()).hash.replace('#/ticket/', ''));
  await page.getByTestId('reply-box').fill('Rascunho que sobrevive ao arquivo danificado');
  await expect
    .poll(() => storedDraft(page, `reply:${key}`))
    .toBe('Rascunho que sobrevive ao arquivo danificado');
  const ticketHash = new URL(page.url()).hash;

  await workspace.host.stop();
  const [file] = cacheFiles(workspace.dataDir);
  expect(file).toBeDefined();
  corruptMiddle(file ?? '');
  // What the background integrity check leaves behind when it finds damage.
  writeFileSync(`${file}.check-needed`, new Date().toISOString());
  workspace.host = await startHostProcess(['--port', '0', '--data-dir', workspace.dataDir]);

  await openWorkspace(page, workspace);
  await expect(page.getByTestId('recovered-banner')).toContainText('foram refeitos');
  await page.evaluate(
    (hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash),
    ticketHash,
  );
  await expect(page.getByTestId('reply-box')).toHaveValue(
    'Rascunho que sobrevive ao arquivo danificado',
  );
});
