/**
 * Measurement, not a test: replays a queue of replies (5 per ticket; 1,000 over 200 tickets by
 * default) against the simulator with its default rate limit and the client's default limit, and
 * prints the wall time next to the bound those limits allow, then checks on the server that every
 * reply arrived exactly once. Run with `npx tsx bench/outbox-replay.ts [--actions N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EventHub } from '../main/api/events';
import type { RemoteTicket } from '../main/hubsoft/model';
import { defaultRateLimit } from '../main/hubsoft/rate-limit';
import { createOutboxSender } from '../main/outbox/sender';
import { DEFAULT_API_RATE_LIMIT } from '../main/sim/rate-limit';
import { startSimulator } from '../main/sim/server';
import { openStore } from '../main/store/client';
import { createConnectivity, httpProbe } from '../main/sync/connectivity';
import { messageCounts, simClient } from '../test/integration/outbox/harness';

const { values } = parseArgs({ options: { actions: { type: 'string', default: '1000' } } });
const actionCount = Math.max(1, Number.parseInt(values.actions, 10) || 1000);
const perTicket = 5;
const ticketCount = Math.min(200, Math.ceil(actionCount / perTicket));

const sim = await startSimulator({ seed: 77, tickets: 3_000 });
const dir = mkdtempSync(join(tmpdir(), 'hubdesk-bench-outbox-'));
const store = await openStore({ file: join(dir, 'profile.sqlite') });
const client = simClient(sim.url);
const connectivity = createConnectivity({ probe: httpProbe(sim.url) });
const events = new EventHub();

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

const enqueueStart = performance.now();
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
const enqueueMs = performance.now() - enqueueStart;
// Let the client's token bucket refill after the set-up request, as after any idle moment.
await new Promise((resolve) => setTimeout(resolve, 2_500));

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

const bound = (limit: { perSecond: number; burst: number }): number =>
  Math.max(actionCount - limit.burst, 0) / limit.perSecond;
const clientBound = bound(defaultRateLimit);
const serverBound = bound(DEFAULT_API_RATE_LIMIT);
const tightest = Math.max(clientBound, serverBound);
const counts = messageCounts(sim);
const notOnce = texts.filter((text) => counts.get(text) !== 1);
const states = await store.listActions();
const unsent = states.filter((action) => action.state !== 'sent').length;

console.log(
  JSON.stringify(
    {
      actions: actionCount,
      tickets: ticketCount,
      enqueueMsPerAction: Number((enqueueMs / actionCount).toFixed(2)),
      wallSeconds: Number(seconds.toFixed(2)),
      actionsPerSecond: Number((actionCount / seconds).toFixed(1)),
      clientLimit: defaultRateLimit,
      serverLimit: DEFAULT_API_RATE_LIMIT,
      boundSeconds: Number(tightest.toFixed(2)),
      ratioToBound: tightest > 0 ? Number((seconds / tightest).toFixed(3)) : null,
      exactlyOnce: notOnce.length === 0 && unsent === 0,
      notExactlyOnce: notOnce.length,
      unsent,
    },
    null,
    2,
  ),
);

connectivity.stop();
await store.close();
await sim.close();
rmSync(dir, { recursive: true, force: true });
