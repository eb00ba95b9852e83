/**
 * Outbox replay: a queue of replies (5 per ticket; 1,000 over 200 tickets, 100 over 20 with
 * --quick) sent against the simulator with its default rate limit and the client's default
 * limit. Measured: the wall time next to the bound those limits allow, then, on the server, that
 * every reply arrived exactly once. Run alone with `npx tsx bench/outbox-replay.ts [--quick]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventHub } from '../main/api/events';
import type { RemoteTicket } from '../main/hubsoft/model';
import { defaultRateLimit, type RateLimit } from '../main/hubsoft/rate-limit';
import { createOutboxSender } from '../main/outbox/sender';
import { DEFAULT_API_RATE_LIMIT } from '../main/sim/rate-limit';
import { startSimulator } from '../main/sim/server';
import { openStore } from '../main/store/client';
import { createConnectivity, httpProbe } from '../main/sync/connectivity';
import { messageCounts, simClient } from '../test/integration/outbox/harness';
import { isMainModule, runStandalone, type Scale } from './lib/main-module';
import type { BenchRow } from './lib/result';
import { round } from './lib/stats';

const perTicket = 5;

export async function benchOutboxReplay(scale: Scale): Promise<BenchRow[]> {
  const actionCount = scale.quick ? 100 : 1_000;
  const ticketCount = actionCount / perTicket;
  const sim = await startSimulator({ seed: 77, tickets: 3_000 });
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-bench-outbox-'));
  const store = await openStore({ file: join(dir, 'profile.sqlite') });
  const connectivity = createConnectivity({ probe: httpProbe(sim.url) });
  try {
    const client = simClient(sim.url);
    // List pages put the tickets in the cache, as a backfill would; open ones take replies.
    const open: RemoteTicket[] = [];
    for (let page = 0; open.length < ticketCount; page += 1) {
      const result = await client.listTickets({
        page,
        perPage: 500,
        from: '2000-01-01',
        to: '2099-12-31',
      });
      open.push(...result.tickets.filter((ticket) => ticket.closedAt === null));
      if (page >= result.lastPage) break;
    }
    open.splice(ticketCount);
    if (open.length < ticketCount)
      throw new Error(`the simulator has only ${open.length} open tickets`);
    const keys = await store.upsertRemoteTickets(open);

    const texts: string[] = [];
    for (let index = 0; index < actionCount; index += 1) {
      const text = `Retorno ${Math.floor(index / ticketCount)} ao atendimento ${open[index % ticketCount]?.protocol}`;
      texts.push(text);
      await store.enqueueAction({
        kind: 'reply',
        ticketKey: keys[index % ticketCount] ?? '',
        payload: { text },
      });
    }
    // Let the client's token bucket refill after the set-up requests, as after any idle moment.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const events = new EventHub();
    const sender = createOutboxSender({
      store,
      client,
      events,
      connectivity,
      stagingDir: join(dir, 'staging'),
    });
    const done = new Promise<void>((resolve) => {
      events.subscribe((name, payload) => {
        if (name === 'outbox' && 'queued' in payload && payload.queued + payload.sending === 0)
          resolve();
      });
    });
    const start = performance.now();
    sender.start();
    await done;
    const seconds = (performance.now() - start) / 1000;
    await sender.stop();

    const bound = (limit: RateLimit): number =>
      Math.max(actionCount - limit.burst, 0) / limit.perSecond;
    const tightest = Math.max(bound(defaultRateLimit), bound(DEFAULT_API_RATE_LIMIT));
    const counts = messageCounts(sim);
    const notOnce = texts.filter((text) => counts.get(text) !== 1).length;
    const unsent = (await store.listActions()).filter((action) => action.state !== 'sent').length;
    const exactlyOnce = notOnce === 0 && unsent === 0;
    return [
      {
        id: 'outbox.replay',
        name: `Outbox replay, ${actionCount} replies over ${ticketCount} tickets`,
        budget: 'at the rate limit, exactly once',
        unit: 's',
        median: round(seconds),
        p95: null,
        baseline: { name: 'rate-limit bound', value: round(tightest) },
        ratio: tightest > 0 ? round(seconds / tightest, 3) : null,
        ratioMeaning: 'of the bound',
        within: exactlyOnce && seconds <= 1.2 * tightest,
        note:
          `bound: (actions − burst) / rate of the tighter limit, client ${defaultRateLimit.perSecond}/s ` +
          `burst ${defaultRateLimit.burst}; exactly once on the server: ${exactlyOnce ? 'yes' : `NO (${notOnce} not once, ${unsent} unsent)`}`,
        details: {
          exactlyOnce,
          notOnce,
          unsent,
          actionsPerSecond: round(actionCount / seconds, 1),
        },
      },
    ];
  } finally {
    connectivity.stop();
    await store.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) runStandalone(benchOutboxReplay);
