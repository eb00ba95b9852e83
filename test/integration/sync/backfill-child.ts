/**
 * A sync run in its own process, for the crash tests: opens the store at argv[3], syncs from the
 * simulator at argv[2], and prints one JSON line per backfill page, then one when done. The
 * parent kills it with SIGKILL at moments of its choosing.
 */
import { EventHub } from '../../../main/api/events';
import { openStore } from '../../../main/store/client';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import { clientFor } from './sync-fixture';

const [simUrl, file] = process.argv.slice(2);
if (!simUrl || !file) {
  process.stderr.write('usage: backfill-child.ts <simulator url> <store file>\n');
  process.exit(2);
}

const store = await openStore({ file });
const events = new EventHub();
let progress: unknown = null;
events.subscribe((event, payload) => {
  if (event === 'sync') progress = (payload as { progress: unknown }).progress;
  // One 'all' per backfill page written.
  if (event === 'tickets' && (payload as { keys: unknown }).keys === 'all') {
    process.stdout.write(`${JSON.stringify({ event: 'page', progress })}\n`);
  }
});
const engine = createSyncEngine({
  store,
  // Slow enough that the parent can kill it in the middle of the backfill.
  client: clientFor(simUrl, { rateLimit: { perSecond: 12, burst: 1 } }),
  events,
  connectivity: createConnectivity(),
  profile: { id: 'crash' },
  refreshLimit: 0,
});
const status = await engine.runNow();
await engine.stop();
await store.close();
process.stdout.write(`${JSON.stringify({ event: 'done', lastError: status.lastError })}\n`);
