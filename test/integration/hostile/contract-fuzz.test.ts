import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCore, type Core } from '../../../main/api/core';
import { createDispatcher, type Dispatch } from '../../../main/api/dispatch';
import { startHost, type RunningHost } from '../../../main/host/server';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { findMethod } from '../../../preload/contract';
import type { Envelope } from '../../../preload/errors';
import { seededRandom } from '../../chaos/seeded-random';
import { hostileCalls, onlyInvalidCalls, type HostileCall } from './hostile-calls';

const seed = 8;
const callsPerMethod = 30;
const sentinelText = 'não apague';

let sim: RunningSimulator;
let root: string;
let core: Core;
let host: RunningHost;
let dispatch: Dispatch;
let sentinel: string;
let ticketKey: string;
const internalErrors: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 3, tickets: 60 });
  root = mkdtempSync(join(tmpdir(), 'hubdesk-hostile-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>HubDesk</title>');
  sentinel = join(root, 'sentinel.txt');
  writeFileSync(sentinel, sentinelText);
  core = await startCore({
    environment: {
      name: 'HubDesk',
      version: '1.0.0',
      platform: 'linux',
      shell: 'browser-host',
      dataDir: join(root, 'data'),
      defaultServerUrl: null,
    },
  });
  await core.services.session.login({ baseUrl: sim.url, ...DEMO_ACCOUNT, remember: false });
  await core.services.sync.now();
  const page = await core.services.tickets.list({ status: 'open', limit: 1 });
  ticketKey = page.items[0]?.key ?? '';
  const onInternalError = (name: string, error: unknown) => {
    internalErrors.push(`${name}: ${String(error)}`);
  };
  dispatch = createDispatcher(core.services, { onInternalError });
  host = await startHost({
    port: 0,
    rendererDir,
    events: core.events,
    services: core.services,
    onInternalError,
  });
}, 60_000);

afterAll(async () => {
  await host.close();
  await core.dispose();
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

function calls(): HostileCall[] {
  return hostileCalls(seededRandom(seed), { ticketKey, outsidePath: sentinel }, callsPerMethod);
}

/** Whether the contract's schema takes these arguments (validation that throws does not). */
function schemaAccepts(method: string, args: unknown): boolean {
  try {
    return findMethod(method)?.args.safeParse(args).success ?? false;
  } catch {
    return false;
  }
}

/** What is wrong with an answer, or null: never internal, and invalid_input whenever invalid. */
function problemWith(call: HostileCall, args: unknown, answer: Envelope<unknown>): string | null {
  if (typeof answer !== 'object' || answer === null || typeof answer.ok !== 'boolean') {
    return `${call.method} (${call.label}) answered no envelope`;
  }
  if (!answer.ok && answer.error.code === 'internal') {
    return `${call.method} (${call.label}) answered internal: ${answer.error.message}`;
  }
  if (!schemaAccepts(call.method, args) && (answer.ok || answer.error.code !== 'invalid_input')) {
    return `${call.method} (${call.label}) was not refused as invalid input`;
  }
  return null;
}

function expectNothingPolluted(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  expect(readFileSync(sentinel, 'utf8')).toBe(sentinelText);
}

const unknownNames: unknown[] = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'app.constructor',
  'app.__proto__',
  'app.info.call',
  'tickets.prototype',
  '',
  'x'.repeat(100_000),
  'app.info\u0000',
  null,
  42,
  { method: 'app.info' },
  ['app.info'],
];

describe('hostile calls through the dispatcher', () => {
  it('refuses every malformed call as invalid input, never as an internal error, and pollutes nothing', async () => {
    const problems: string[] = [];
    let sent = 0;
    for (const call of calls()) {
      if (onlyInvalidCalls.has(call.method) && schemaAccepts(call.method, call.args)) continue;
      sent += 1;
      const problem = problemWith(call, call.args, await dispatch(call.method, call.args));
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    expect(internalErrors).toEqual([]);
    expectNothingPolluted();
    expect(await dispatch('app.info', [])).toMatchObject({ ok: true });
  }, 60_000);

  it('names unknown methods, whatever their name is made of', async () => {
    for (const name of unknownNames) {
      expect(await dispatch(name, [])).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
    }
  });
});

const cursorText = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a list cursor the app did not make', () => {
  it.each([
    ['not base64 JSON', 'isto-não-é-um-cursor'],
    ['JSON of the wrong shape', cursorText({ sort: 'opened_desc', value: {}, seq: 'x' })],
    [
      'a number where the sort keeps dates',
      cursorText({ sort: 'opened_desc', value: 7, seq: 1, total: 3 }),
    ],
    ['made for another sort order', cursorText({ sort: 'sla', value: 1, seq: 1, total: 3 })],
    ['JSON null', cursorText(null)],
  ])('answers invalid input, not an internal error, when it is %s', async (_what, cursor) => {
    const before = internalErrors.length;
    expect(await dispatch('tickets.list', [{ cursor }])).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Posição da lista inválida; recarregue a lista.' },
    });
    expect(internalErrors.slice(before)).toEqual([]);
  });
});

interface HostClient {
  call(method: unknown, args: unknown): Promise<Envelope<unknown>>;
  sendRaw(text: string): void;
  close(): void;
}

async function connect(): Promise<HostClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, {
    headers: { origin: `http://127.0.0.1:${host.port}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, (answer: Envelope<unknown>) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: Envelope<unknown> };
    if (message.id !== undefined && message.result) pending.get(message.id)?.(message.result);
  });
  let nextId = 1;
  return {
    call: (method, args) => {
      const id = nextId;
      nextId += 1;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, args }));
      });
    },
    sendRaw: (text) => socket.send(text),
    close: () => socket.close(),
  };
}

function wireText(args: unknown): string | undefined | null {
  try {
    return JSON.stringify(args);
  } catch {
    return null;
  }
}

describe('hostile calls over the browser host WebSocket', () => {
  it('answers every malformed call with a validation error and keeps answering app.info', async () => {
    const client = await connect();
    const problems: string[] = [];
    let sent = 0;
    for (const call of calls()) {
      // What arrives is what JSON carries: NaN becomes null, undefined disappears. Values too deep
      // for JSON.stringify go as raw text in host-process.test.ts instead.
      const text = wireText(call.args);
      if (text === null) continue;
      const args: unknown = text === undefined ? undefined : JSON.parse(text);
      if (onlyInvalidCalls.has(call.method) && schemaAccepts(call.method, args)) continue;
      sent += 1;
      const problem = problemWith(call, args, await client.call(call.method, call.args));
      if (problem) problems.push(problem);
      if (sent % 100 === 0) expect(await client.call('app.info', [])).toMatchObject({ ok: true });
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    for (const name of unknownNames) {
      expect(await client.call(name, [])).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
    }
    client.sendRaw('{"id":1,"method":"app.info","args":[],"__proto__":{"polluted":"yes"}}');
    client.sendRaw('{"id":{"__proto__":{"polluted":"yes"}},"method":"app.info"}');
    client.sendRaw('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[');
    expect(await client.call('app.info', [])).toMatchObject({ ok: true });
    expect(internalErrors).toEqual([]);
    expectNothingPolluted();
    client.close();
  }, 60_000);
});
