import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import type { StoredTokens, TokenStore } from '../../../main/hubsoft/session-types';
import { createLogger, type FileLogger } from '../../../main/log/logger';
import { logFiles } from '../../../main/log/rotating-file';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import {
  cacheTickets,
  settled,
  simClient,
  startHarness,
  waitFor,
  workableTickets,
  type Harness,
} from './harness';

/** A keychain wrapper with a bug of ours in it: saving the tokens after sign-in throws. */
class DefectiveTokens implements TokenStore {
  load(): Promise<StoredTokens | null> {
    return Promise.resolve(null);
  }
  save(tokens: StoredTokens): Promise<void> {
    const entry = (tokens as unknown as { keychain: { entry: string } }).keychain.entry;
    return Promise.resolve(void entry.length);
  }
  clear(): Promise<void> {
    return Promise.resolve();
  }
}

interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

let sim: RunningSimulator;
let logDir: string;
let fileLogger: FileLogger;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 61, tickets: 120 });
  logDir = mkdtempSync(join(tmpdir(), 'hubdesk-outbox-log-'));
  fileLogger = createLogger({ dataDir: logDir });
});

afterAll(async () => {
  fileLogger.close();
  rmSync(logDir, { recursive: true, force: true });
  await sim.close();
});

function logRecords(): LogRecord[] {
  fileLogger.logger.flush();
  return readFileSync(logFiles(logDir).current, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogRecord);
}

describe('a defect of our own while sending', () => {
  let harness: Harness;

  afterAll(async () => {
    await harness.close();
  });

  it('waits for the agent with an honest message and logs the stack, instead of waiting offline', async () => {
    harness = await startHarness(sim, {
      tokenStore: new DefectiveTokens(),
      log: fileLogger.logger,
    });
    const [ticket] = workableTickets(sim, 1);
    const keys = await cacheTickets(harness.store, simClient(sim.url), [ticket?.protocol ?? '']);
    const actions = createActionsService(harness.current);
    const reply = await actions.reply(
      keys.get(ticket?.protocol ?? '') ?? '',
      'Resposta que esbarra num defeito',
    );
    harness.sender.start();

    await waitFor(
      async () => (await harness.store.getAction(reply.id))?.state === 'needs_attention',
      10_000,
      async () =>
        `the reply to wait for the agent (${JSON.stringify(await harness.store.getAction(reply.id))})`,
    );
    const stored = await harness.store.getAction(reply.id);
    expect(stored?.lastError).toEqual({
      code: 'internal',
      message:
        'Erro interno do HubDesk ao enviar; tente de novo ou descarte. Detalhes no diagnóstico.',
    });
    const defects = logRecords().filter((record) => record.msg === 'outbox defect');
    expect(defects).toHaveLength(1);
    expect(JSON.stringify(defects[0])).toMatch(/TypeError/);
    expect(JSON.stringify(defects[0])).toMatch(/DefectiveTokens/);
    expect(sim.state({ only: 'changed' })).toEqual([]);
  });
});

describe('the log of outbox attempts', () => {
  let harness: Harness;

  afterAll(async () => {
    await harness.close();
  });

  it('writes one line per attempt with its outcome and status, never the text', async () => {
    harness = await startHarness(sim, {
      rateLimit: { perSecond: 400, burst: 400 },
      log: fileLogger.logger,
    });
    const tickets = workableTickets(sim, 4).slice(1);
    const keys = await cacheTickets(
      harness.store,
      harness.client,
      tickets.map((t) => t.protocol),
    );
    const actions = createActionsService(harness.current);
    const texts = tickets.map((t, index) => `Segredo do cliente ${index}: senha do wi-fi ${t.id}`);
    const replies = [];
    for (const [index, ticket] of tickets.entries()) {
      replies.push(await actions.reply(keys.get(ticket.protocol) ?? '', texts[index] ?? ''));
    }
    // Only this test's lines: action ids restart with each profile file.
    const earlierLines = logRecords().length;
    sim.setFaults({ gatewayTimeoutRate: 1 });
    harness.sender.start();
    await waitFor(
      async () => (await harness.store.listActions({ states: ['sent'] })).length === replies.length,
      20_000,
      () => 'every reply to be proven sent by read-back',
    );
    sim.setFaults({});
    await settled(harness.store, 5_000);

    const attempts = logRecords()
      .slice(earlierLines)
      .filter((record) => record.msg === 'outbox attempt');
    for (const reply of replies) {
      const mine = attempts.filter((record) => record.actionId === reply.id);
      // The 504 after commit, then the read-back that found the message.
      expect(mine.map((r) => [r.kind, r.attempt, r.step, r.outcome, r.httpStatus])).toEqual([
        ['reply', 1, 'send', 'ambiguous', 504],
        ['reply', 1, 'read_back', 'sent', null],
      ]);
      for (const record of mine) expect(typeof record.durationMs).toBe('number');
    }
    const everything = JSON.stringify(attempts);
    for (const text of texts) expect(everything).not.toContain(text);
  });
});
