import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { openStore } from '../../../main/store/client';
import type { OutboxAction } from '../../../main/store/types';
import { cacheTickets, messageCounts, simClient, workableTickets } from './harness';

const childScript = join(import.meta.dirname, 'replay-child.ts');
const kills = 5;

let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 12, tickets: 200 });
  dir = mkdtempSync(join(tmpdir(), 'hubdesk-crash-'));
});

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  exited: Promise<number | null>;
  started: Promise<void>;
  kill(): void;
}

function replay(file: string): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', childScript, file, sim.url, join(dir, 'staging')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const started = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('started')) resolve();
    });
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(output);
      resolve(code);
    });
  });
  return { exited, started, kill: () => child.kill('SIGKILL') };
}

/** A small seeded generator, so a failing run can be told apart by its kill times. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('crash safety of the outbox', () => {
  it('loses and duplicates nothing when the sending process is killed again and again', async () => {
    const file = join(dir, 'profile.sqlite');
    const store = await openStore({ file });
    const client = simClient(sim.url);
    const tickets = workableTickets(sim, 25);
    const replied = tickets.slice(0, 15);
    const keys = await cacheTickets(
      store,
      client,
      replied.map((t) => t.protocol),
    );
    const queued: OutboxAction[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const ticket of replied) {
        queued.push(
          await store.enqueueAction({
            kind: 'reply',
            ticketKey: keys.get(ticket.protocol) ?? '',
            payload: { text: `Retorno ${round} do atendimento ${ticket.protocol}` },
          }),
        );
      }
    }
    for (const [index, ticket] of tickets.slice(15, 20).entries()) {
      const created = await store.enqueueAction({
        kind: 'create',
        payload: {
          serviceId: ticket.serviceId,
          description: `Abertura após queda de energia ${index}`,
          name: 'Ana Costa',
          phone: '31991234567',
        },
      });
      queued.push(
        created,
        await store.enqueueAction({
          kind: 'reply',
          ticketKey: created.ticketKey,
          payload: { text: `Primeiro retorno da abertura ${index}` },
        }),
      );
    }
    await store.close();

    const seed = Date.now() % 100_000;
    const random = randomFrom(seed);
    const moments: number[] = [];
    const leftSending: number[] = [];
    for (let kill = 0; kill < kills; kill += 1) {
      const run = replay(file);
      await run.started;
      const moment = Math.round(100 + random() * 700);
      moments.push(moment);
      await new Promise((resolve) => setTimeout(resolve, moment));
      run.kill();
      await run.exited;
      const between = await openStore({ file });
      leftSending.push((await between.listActions({ states: ['sending'] })).length);
      await between.close();
    }
    console.log(
      `crash test seed ${seed}: killed after ${moments.join(', ')} ms, ` +
        `leaving ${leftSending.join(', ')} actions mid-send`,
    );
    // The kills must have hit requests in flight, or the test proves nothing about them.
    expect(leftSending.some((count) => count > 0)).toBe(true);
    const last = replay(file);
    expect(await last.exited).toBe(0);

    const counts = messageCounts(sim);
    const changed = sim.state({ only: 'changed' });
    for (const action of queued) {
      if (action.kind === 'reply') {
        expect({ text: action.payload.text, count: counts.get(action.payload.text) ?? 0 }).toEqual({
          text: action.payload.text,
          count: 1,
        });
      } else if (action.kind === 'create') {
        const made = changed.filter((t) => t.description.startsWith(action.payload.description));
        expect({ text: action.payload.description, count: made.length }).toEqual({
          text: action.payload.description,
          count: 1,
        });
      }
    }

    const reopened = await openStore({ file });
    expect(reopened.openReport.recovered).toBe(false);
    const states = (await reopened.listActions()).map((a) => a.state);
    await reopened.close();
    expect(states).toEqual(queued.map(() => 'sent'));
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 80_000);
});
