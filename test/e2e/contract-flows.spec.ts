/**
 * The offline core's flows through the browser host's `window.hubdesk`, as the renderer calls
 * them: sign in, sync, reply online and offline, open a ticket. The server is the simulator in
 * this process, so the test counts what really arrived.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../../main/sim/server';
import type { HubdeskApi } from '../../preload/contract';
import { startHostProcess, type HostProcess } from '../support/host-process';

let sim: RunningSimulator;
let host: HostProcess;
let dataDir: string;

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 11, tickets: 300 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-flows-'));
  host = await startHostProcess(['--port', '0', '--data-dir', dataDir]);
});

test.afterAll(async () => {
  await host.stop();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `window.hubdesk` inside `page.evaluate` (the test program has no DOM types). */
type PageGlobals = { hubdesk: HubdeskApi };

async function signedInPage(page: Page): Promise<void> {
  await page.goto(host.url);
  const status = await page.evaluate(
    (login) => (globalThis as unknown as PageGlobals).hubdesk.session.login(login),
    {
      baseUrl: sim.url,
      clientId: DEMO_ACCOUNT.clientId,
      clientSecret: DEMO_ACCOUNT.clientSecret,
      username: DEMO_ACCOUNT.username,
      password: DEMO_ACCOUNT.password,
      remember: true,
    },
  );
  expect(status.state).toBe('signed_in');
}

async function openTicketKey(page: Page): Promise<{ key: string; protocol: string }> {
  await expect
    .poll(
      async () =>
        (
          await page.evaluate(() =>
            (globalThis as unknown as PageGlobals).hubdesk.tickets.list({
              status: 'open',
              limit: 5,
            }),
          )
        ).items.length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(0);
  const page1 = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).hubdesk.tickets.list({ status: 'open', limit: 5 }),
  );
  const ticket = page1.items.find((item) => item.protocol !== null)!;
  return { key: ticket.key, protocol: ticket.protocol! };
}

function stateOf(page: Page, actionId: number): Promise<string | undefined> {
  return page.evaluate(
    (id) =>
      (globalThis as unknown as PageGlobals).hubdesk.outbox
        .list()
        .then((all) => all.find((action) => action.id === id)?.state),
    actionId,
  );
}

function messagesOnServer(protocol: string, text: string): number {
  const [record] = sim.state({ protocol });
  return record?.messages.filter((message) => message.text === text).length ?? 0;
}

test('signing in fills the cache from the server and a ticket opens with its history', async ({
  page,
}) => {
  await signedInPage(page);
  const { key, protocol } = await openTicketKey(page);
  const ticket = await page.evaluate(
    (k) => (globalThis as unknown as PageGlobals).hubdesk.tickets.refresh(k),
    key,
  );
  expect(ticket.protocol).toBe(protocol);
  expect(ticket.description).not.toBeNull();
  const [record] = sim.state({ protocol });
  expect(ticket.messages.length).toBe(record!.messages.length);
});

test('a reply queued through window.hubdesk reaches HubSoft exactly once', async ({ page }) => {
  await signedInPage(page);
  const { key, protocol } = await openTicketKey(page);
  const text = `Resposta pelo contrato ${Date.now()}`;
  const action = await page.evaluate(
    (input) => (globalThis as unknown as PageGlobals).hubdesk.actions.reply(input.key, input.text),
    { key, text },
  );
  expect(action.kind).toBe('reply');
  await expect.poll(() => messagesOnServer(protocol, text), { timeout: 30_000 }).toBe(1);
  await expect.poll(async () => stateOf(page, action.id)).toBe('sent');
});

test('a reply typed while HubSoft is unreachable waits, then lands once after reconnecting', async ({
  page,
}) => {
  await signedInPage(page);
  const { key, protocol } = await openTicketKey(page);
  sim.setFaults({ resetRate: 1 });
  try {
    const text = `Resposta sem conexão ${Date.now()}`;
    const action = await page.evaluate(
      (input) =>
        (globalThis as unknown as PageGlobals).hubdesk.actions.reply(input.key, input.text),
      { key, text },
    );
    const cached = await page.evaluate(
      (k) => (globalThis as unknown as PageGlobals).hubdesk.tickets.get(k),
      key,
    );
    expect(cached.messages.some((message) => message.text === text && message.pending)).toBe(true);
    expect(messagesOnServer(protocol, text)).toBe(0);

    sim.setFaults({});
    await expect.poll(() => messagesOnServer(protocol, text), { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => stateOf(page, action.id)).toBe('sent');
  } finally {
    sim.setFaults({});
  }
});

test('invalid input from the page is refused with a code, and nothing is queued', async ({
  page,
}) => {
  await signedInPage(page);
  const { key } = await openTicketKey(page);
  const before = (
    await page.evaluate(() => (globalThis as unknown as PageGlobals).hubdesk.outbox.list())
  ).length;
  const code = await page.evaluate(
    (k) =>
      (globalThis as unknown as PageGlobals).hubdesk.actions.reply(k, '   ').then(
        () => 'accepted',
        (error: { code?: string }) => error.code ?? 'no code',
      ),
    key,
  );
  expect(code).toBe('invalid_input');
  expect(
    (await page.evaluate(() => (globalThis as unknown as PageGlobals).hubdesk.outbox.list()))
      .length,
  ).toBe(before);
});
