/**
 * A process that replays an outbox against a server and exits once nothing can move: the crash
 * test kills it with SIGKILL at random moments and starts it again on the same SQLite file.
 * Usage: node --import tsx replay-child.ts <sqlite file> <server url> <staging dir>
 */
import { EventHub } from '../../../main/api/events';
import { createOutboxSender } from '../../../main/outbox/sender';
import { openStore } from '../../../main/store/client';
import { createConnectivity, httpProbe } from '../../../main/sync/connectivity';
import { movable, simClient, testRetry, waitFor } from './harness';

const [file, url, stagingDir] = process.argv.slice(2);
if (!file || !url || !stagingDir) {
  console.error('usage: replay-child.ts <sqlite file> <server url> <staging dir>');
  process.exit(2);
}

const store = await openStore({ file });
// A slow client, so a kill lands while actions are on their way.
const client = simClient(url, { timeoutMs: 2_000, rateLimit: { perSecond: 25, burst: 2 } });
const connectivity = createConnectivity({
  probe: httpProbe(url),
  probeBackoff: { baseMs: 1_000, maxMs: 5_000, timeoutMs: 1_000 },
});
const sender = createOutboxSender({
  store,
  client,
  events: new EventHub(),
  connectivity,
  stagingDir,
  concurrency: 4,
  retry: testRetry,
});
sender.start();
console.log('started');
await waitFor(async () => (await movable(store)).length === 0, 60_000);
await sender.stop();
connectivity.stop();
await store.close();
console.log('done');
