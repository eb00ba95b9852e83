/**
 * Measurement, not a test: pages through a 100,000-ticket simulator with the client at 500 per
 * page and prints generation time, tickets per second and memory, twice: with the default rate
 * limits on both sides (what an agent's backfill meets), then with both lifted (what the client
 * itself can parse). Run with `npx tsx bench/client-paging.ts`.
 */
import { HubsoftClient } from '../main/hubsoft/client';
import type { RateLimit } from '../main/hubsoft/rate-limit';
import { DEMO_ACCOUNT } from '../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../main/sim/server';
import { MemoryTokenStore } from '../test/integration/hubsoft/local-server';

const TICKETS = 100_000;
const PER_PAGE = 500;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function pageThrough(sim: RunningSimulator, rateLimit?: RateLimit) {
  const client = new HubsoftClient({
    credentials: {
      baseUrl: sim.url,
      clientId: DEMO_ACCOUNT.clientId,
      clientSecret: DEMO_ACCOUNT.clientSecret,
      username: DEMO_ACCOUNT.username,
      password: DEMO_ACCOUNT.password,
    },
    tokenStore: new MemoryTokenStore(),
    ...(rateLimit ? { rateLimit } : {}),
  });
  const seen = new Set<number>();
  let peakRss = process.memoryUsage().rss;
  const start = performance.now();
  let page = 0;
  for (;;) {
    const result = await client.listTickets({
      page,
      perPage: PER_PAGE,
      from: '2000-01-01',
      to: '2099-12-31',
    });
    for (const ticket of result.tickets) seen.add(ticket.id);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (page >= result.lastPage) break;
    page += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    tickets: seen.size,
    pages: page + 1,
    seconds: Number(seconds.toFixed(2)),
    ticketsPerSecond: Math.round(seen.size / seconds),
    peakRss: mib(peakRss),
  };
}

const generationStart = performance.now();
const sim = await startSimulator({ seed: 42, tickets: TICKETS });
const generationMs = Math.round(performance.now() - generationStart);
const rssAfterGeneration = mib(process.memoryUsage().rss);

const limited = await pageThrough(sim);
sim.setFaults({ rateLimit: null });
const unlimited = await pageThrough(sim, { perSecond: 10_000, burst: 10_000 });
await sim.close();

console.log(
  JSON.stringify(
    {
      simulatorGenerationMs: generationMs,
      rssAfterGeneration,
      defaultRateLimits: limited,
      noRateLimits: unlimited,
      note: 'client and simulator share one process, so RSS counts both',
    },
    null,
    2,
  ),
);
