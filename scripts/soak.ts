/**
 * `npm run soak -- --minutes 60`: the real core (startCore and the workspace factory, the SQLite
 * worker, the outbox, the sync engine) against the simulator over HTTP (in its own process), with a simulated agent
 * reading, searching, replying and closing, a sync every few seconds and no faults. It samples
 * RSS, heap, open handles and the cache's size on disk, and prints each one's growth per hour
 * (least squares over the samples after the first fifth, which is warm-up). Not part of npm test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from '../main/api/core';
import { createDispatcher } from '../main/api/dispatch';
import { DEMO_ACCOUNT } from '../main/sim/demo-account';
import type { OutboxAction, TicketListPage } from '../preload/types';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    'sample-seconds': { type: 'string', default: '15' },
    'sync-seconds': { type: 'string', default: '10' },
  },
  strict: true,
});
const minutes = Number(values.minutes);
const sampleMs = Number(values['sample-seconds']) * 1000;
const syncMs = Number(values['sync-seconds']) * 1000;
if (!(minutes > 0) || !(sampleMs > 0) || !(syncMs > 0)) {
  console.error('usage: npm run soak -- [--minutes 60] [--sample-seconds 15] [--sync-seconds 10]');
  process.exit(2);
}

interface Sample {
  atMs: number;
  rssMb: number;
  heapMb: number;
  handles: number;
  dbMb: number;
}

const megabytes = (bytes: number) => bytes / 1024 / 1024;

/** Every file of the SQLite cache (main file, -wal, -shm) under the data folder. */
function cacheBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(sqlite|db)(-wal|-shm)?$/.test(entry.name)) {
      total += statSync(path.join(entry.parentPath, entry.name)).size;
    }
  }
  return total;
}

/** Growth per hour: the least-squares slope of the samples after warm-up. */
function perHour(samples: readonly Sample[], pick: (sample: Sample) => number): number {
  const steady = samples.slice(Math.floor(samples.length / 5));
  if (steady.length < 2) return Number.NaN;
  const xs = steady.map((sample) => sample.atMs / 3_600_000);
  const ys = steady.map(pick);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < xs.length; i += 1) {
    numerator += ((xs[i] ?? 0) - meanX) * ((ys[i] ?? 0) - meanY);
    denominator += ((xs[i] ?? 0) - meanX) ** 2;
  }
  return numerator / denominator;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * The simulator in a process of its own (`npm run sim`), so the figures are the app's alone:
 * the server's memory grows with every reply it stores, as a real server's database does.
 */
function startSimulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/sim/cli.ts', '--port', '0', '--seed', '31', '--tickets', '3000'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${output}`)));
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hubdesk-soak-'));
  const sim = await startSimulatorProcess();
  const core = await startCore({
    environment: {
      name: 'HubDesk',
      version: 'soak',
      platform: process.platform,
      shell: 'browser-host',
      dataDir,
      defaultServerUrl: null,
    },
  });
  const dispatch = createDispatcher(core.services, {
    onInternalError: (name, error) => console.error(`internal error in ${name}:`, error),
  });
  const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const answer = await dispatch(method, args);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
    return answer.value as T;
  };

  await call('session.login', { baseUrl: sim.url, ...DEMO_ACCOUNT, remember: false });
  await call('sync.now');

  const startedAt = performance.now();
  const endsAt = startedAt + minutes * 60_000;
  const samples: Sample[] = [];
  const counts = { reads: 0, searches: 0, replies: 0, closes: 0, syncs: 0, failures: 0 };
  const sample = () => {
    gc?.();
    const memory = process.memoryUsage();
    samples.push({
      atMs: performance.now() - startedAt,
      rssMb: megabytes(memory.rss),
      heapMb: megabytes(memory.heapUsed),
      handles: process.getActiveResourcesInfo().length,
      dbMb: megabytes(cacheBytes(dataDir)),
    });
    const last = samples.at(-1);
    if (last) {
      console.log(
        `${(last.atMs / 60_000).toFixed(1)} min  rss ${last.rssMb.toFixed(1)} MB  heap ${last.heapMb.toFixed(1)} MB  handles ${last.handles}  cache ${last.dbMb.toFixed(2)} MB`,
      );
    }
  };

  // The agent: one step every quarter second, mostly reading, sometimes writing.
  const words = ['sinal', 'lentidão', 'fibra', 'boleto', 'roteador', 'queda'];
  let step = 0;
  const agent = async () => {
    while (performance.now() < endsAt) {
      step += 1;
      try {
        const page = await call<TicketListPage>('tickets.list', { status: 'open', limit: 100 });
        const ticket = page.items[step % Math.max(1, page.items.length)];
        counts.reads += 1;
        if (ticket && step % 5 === 0) {
          await call('tickets.get', ticket.key);
          await call('tickets.refresh', ticket.key);
          counts.reads += 2;
        }
        if (step % 3 === 0) {
          await call('tickets.search', words[step % words.length]);
          counts.searches += 1;
        }
        if (ticket && step % 7 === 0) {
          await call<OutboxAction>(
            'actions.reply',
            ticket.key,
            `Soak ${step}: verificando o sinal.`,
          );
          counts.replies += 1;
        }
        if (ticket && step % 41 === 0) {
          await call<OutboxAction>('actions.close', ticket.key, { description: `Soak ${step}` });
          counts.closes += 1;
        }
      } catch (error) {
        counts.failures += 1;
        console.error(String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const syncer = setInterval(() => {
    counts.syncs += 1;
    void call('sync.now').catch((error: unknown) => {
      counts.failures += 1;
      console.error(String(error));
    });
  }, syncMs);
  sample();
  const sampler = setInterval(sample, sampleMs);
  await agent();
  clearInterval(syncer);
  clearInterval(sampler);
  sample();

  const outbox = await call<OutboxAction[]>('outbox.list');
  const byState = outbox.reduce<Record<string, number>>((tally, action) => {
    tally[action.state] = (tally[action.state] ?? 0) + 1;
    return tally;
  }, {});
  console.log(
    `\nSoak of ${minutes} min: ${JSON.stringify(counts)}; outbox ${JSON.stringify(byState)}`,
  );
  console.log(
    `gc between samples: ${gc ? 'yes' : 'no (run with --expose-gc for steadier heap figures)'}`,
  );
  const first = samples[0];
  const last = samples.at(-1);
  for (const [label, pick, unit] of [
    ['RSS', (s: Sample) => s.rssMb, 'MB'],
    ['heap used', (s: Sample) => s.heapMb, 'MB'],
    ['open handles', (s: Sample) => s.handles, ''],
    ['cache on disk', (s: Sample) => s.dbMb, 'MB'],
  ] as const) {
    console.log(
      `${label.padEnd(14)} ${pick(first ?? samples[0]!).toFixed(1)} -> ${pick(last ?? samples[0]!).toFixed(1)} ${unit}, growth ${perHour(samples, pick).toFixed(2)} ${unit}/h`,
    );
  }
  await core.dispose();
  sim.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
