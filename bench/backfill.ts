/**
 * Measurement, not a test: a first backfill of N tickets (100,000 by default) from a simulator in
 * its own process (30 ms latency, its default rate limit of 20 requests/s with a burst of 200)
 * into a fresh SQLite file, through the real sync engine. Prints the backfill's wall time against
 * what the rate limit allows (N / 500 pages at 20 requests/s), the main thread's event-loop lag
 * (p50/p99/max, beyond the 10 ms sampling interval) and memory, once with the client's default
 * rate limit (15/s, burst 30) and once with the client allowed the server's own (20/s, burst 200).
 *
 * Run with `npx tsx bench/backfill.ts [--tickets N]`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { EventHub } from '../main/api/events';
import { HubsoftClient } from '../main/hubsoft/client';
import type { RateLimit } from '../main/hubsoft/rate-limit';
import { DEMO_ACCOUNT } from '../main/sim/demo-account';
import { openStore } from '../main/store/client';
import { createConnectivity } from '../main/sync/connectivity';
import { createSyncEngine } from '../main/sync/engine';
import { MemoryTokenStore } from '../test/integration/hubsoft/local-server';

const serverRate = { perSecond: 20, burst: 200 };
const maxPageSize = 500;
const latencyMs = 30;

function ticketCount(args: string[]): number {
  const index = args.indexOf('--tickets');
  if (index === -1) return 100_000;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new Error('--tickets must be a whole number from 1 to 1000000');
  }
  return value;
}

/** The simulator in a child process, so its page rendering does not load the measured thread. */
async function startSimulatorProcess(
  tickets: number,
): Promise<{ url: string; child: ChildProcess }> {
  const cli = resolve(import.meta.dirname, '../main/sim/cli.ts');
  const args = ['--port', '0', '--seed', '42', '--tickets', String(tickets)];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, ...args, '--latency', `${latencyMs}`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (!child.stdout) throw new Error('the simulator has no stdout');
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match?.[1]) return { url: match[1], child };
  }
  throw new Error('the simulator exited before listening');
}

const mib = (bytes: number): number => Math.round(bytes / 1024 / 1024);
const lagResolutionMs = 10;
/** The histogram records each timer's whole wait: the lag is what exceeds its interval. */
const lagMs = (nanoseconds: number): number =>
  Number(Math.max(0, nanoseconds / 1e6 - lagResolutionMs).toFixed(1));

async function backfill(url: string, tickets: number, clientRate: RateLimit | null) {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-bench-backfill-'));
  const store = await openStore({ file: join(dir, 'profile.sqlite') });
  // The simulator's history spans 120 days.
  await store.setSetting('sync.windowDays', 130);
  const client = new HubsoftClient({
    credentials: { baseUrl: url, ...DEMO_ACCOUNT },
    tokenStore: new MemoryTokenStore(),
    ...(clientRate ? { rateLimit: clientRate } : {}),
  });
  const events = new EventHub();
  let pages = 0;
  let backfillStart = 0;
  let backfillEnd = 0;
  let peakRss = process.memoryUsage().rss;
  const rssAtStart = peakRss;
  const lag = monitorEventLoopDelay({ resolution: lagResolutionMs });
  events.subscribe((event, payload) => {
    if (event === 'tickets' && (payload as { keys: unknown }).keys === 'all') pages += 1;
    if (event !== 'sync') return;
    const phase = (payload as { phase: string }).phase;
    if (phase === 'backfill' && backfillStart === 0) {
      backfillStart = performance.now();
      lag.enable();
    }
    if (phase !== 'backfill' && backfillStart !== 0 && backfillEnd === 0) {
      backfillEnd = performance.now();
      lag.disable();
    }
  });
  const memory = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const engine = createSyncEngine({
    store,
    client,
    events,
    connectivity: createConnectivity(),
    profile: { id: 'bench' },
    refreshLimit: 0,
  });
  const status = await engine.runNow();
  clearInterval(memory);
  await engine.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const seconds = (backfillEnd - backfillStart) / 1000;
  const boundSeconds = Math.ceil(tickets / maxPageSize) / serverRate.perSecond;
  return {
    clientRateLimit: clientRate ?? 'default (15/s, burst 30)',
    cachedTickets: status.cachedTickets,
    lastError: status.lastError,
    pages,
    backfillSeconds: Number(seconds.toFixed(2)),
    rateLimitBoundSeconds: boundSeconds,
    ratioToBound: Number((seconds / boundSeconds).toFixed(2)),
    eventLoopLagMs: {
      p50: lagMs(lag.percentile(50)),
      p99: lagMs(lag.percentile(99)),
      max: lagMs(lag.max),
    },
    rssMiB: { atStart: mib(rssAtStart), peak: mib(peakRss) },
  };
}

const tickets = ticketCount(process.argv.slice(2));
const sim = await startSimulatorProcess(tickets);
try {
  const withClientDefault = await backfill(sim.url, tickets, null);
  const withServerRate = await backfill(sim.url, tickets, serverRate);
  console.log(
    JSON.stringify(
      {
        tickets,
        simulator: { latencyMs, rateLimit: serverRate, process: 'separate' },
        runs: [withClientDefault, withServerRate],
        note: 'bound = ceil(tickets / 500) pages at 20 requests/s; RSS includes the store worker',
      },
      null,
      2,
    ),
  );
} finally {
  sim.child.kill();
}
