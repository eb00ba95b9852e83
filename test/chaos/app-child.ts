/**
 * The app in its own process, for the chaos runs: the real session manager, services and
 * dispatcher over the app's workspace (shorter timings), with its data folder at argv[2], signing in to the HubSoft at
 * argv[3] with the password remembered (so a revoked token is renewed without the agent). Secrets
 * live in memory, as on a machine without a keychain: after a restart the driver's app signs in
 * again through `session.login`, the way the agent would.
 *
 * Protocol, one JSON object per line: it prints `{"ready": profileId}` once signed in, then
 * answers each `{"id", "method", "args"}` read on stdin with `{"id", "result"}` (the contract's
 * envelope). The method `chaos.stop` closes everything and exits 0. The driver kills it with
 * SIGKILL whenever it likes and starts it again on the same folder.
 *
 * Usage: node --import tsx app-child.ts <data dir> <server url>
 */
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDispatcher } from '../../main/api/dispatch';
import { EventHub } from '../../main/api/events';
import { createServices } from '../../main/api/services';
import { createWorkspaces } from '../../main/api/workspace-factory';
import { createMemoryStore } from '../../main/secrets/memory-store';
import { SessionManager } from '../../main/session/session-manager';
import { DEMO_ACCOUNT } from '../../main/sim/demo-account';
import { stopMethod } from './app-process';

const [dataDir, serverUrl] = process.argv.slice(2);
if (!dataDir || !serverUrl) {
  process.stderr.write('usage: app-child.ts <data dir> <server url>\n');
  process.exit(2);
}

function print(line: unknown): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const events = new EventHub();
// The app's own workspace, with retries after a fraction of a second instead of seconds to
// minutes, so a chaos run of one minute goes through many failure and recovery cycles.
const workspaces = createWorkspaces({
  events,
  timings: {
    retry: { baseMs: 150, maxMs: 1_500, authWaitMs: 300 },
    probeBackoff: { baseMs: 100, maxMs: 800 },
  },
});
const session = await SessionManager.create({
  dataDir,
  secrets: createMemoryStore(),
  openWorkspace: workspaces.open,
  clientOptions: { timeoutMs: 1_500, rateLimit: { perSecond: 40, burst: 20 } },
  connectionCheck: { timeoutMs: 1_500 },
});
const services = createServices({
  environment: {
    name: 'HubDesk',
    version: 'chaos',
    platform: process.platform,
    shell: 'browser-host',
    dataDir,
    defaultServerUrl: null,
  },
  session,
  current: workspaces.current,
});
const dispatch = createDispatcher(services, {
  onInternalError: (name, error) => {
    process.stderr.write(`internal error in ${name}: ${String(error)}\n`);
  },
});

await session.restore();
// Under faults a sign-in can fail like any request: the agent would press the button again.
for (let attempt = 1; session.status().state !== 'signed_in'; attempt += 1) {
  const answer = await dispatch('session.login', [
    { baseUrl: serverUrl, ...DEMO_ACCOUNT, remember: true },
  ]);
  if (!answer.ok) {
    if (attempt >= 200) {
      process.stderr.write(`could not sign in: ${answer.error.message}\n`);
      process.exit(3);
    }
    await sleep(100);
  }
}
print({ ready: session.status().profile?.id ?? null });

for await (const line of createInterface({ input: process.stdin })) {
  const call = JSON.parse(line) as { id: number; method: string; args: unknown };
  if (call.method === stopMethod) {
    await session.dispose();
    print({ id: call.id, result: { ok: true, value: null } });
    process.exit(0);
  }
  void dispatch(call.method, call.args).then((result) => print({ id: call.id, result }));
}
