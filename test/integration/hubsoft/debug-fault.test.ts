/**
 * Fact 14 over real HTTP: an unhandled exception answers HTTP 200 with `status: "error"` and
 * Laravel's debug fields. The client reads it as the server failing, so reads retry it, instead
 * of showing it to the agent as HubSoft refusing the request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HubsoftError } from '../../../main/hubsoft/errors';
import type { RunningSimulator } from '../../../main/sim/server';
import { startSimulator } from '../../../main/sim/server';
import { clientFor } from '../sync/sync-fixture';

let sim: RunningSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const fastRetry = { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 5 };

async function signedInClient() {
  sim = await startSimulator({ port: 0, seed: 5, tickets: 40 });
  const client = clientFor(sim.url, { retry: fastRetry });
  const protocol = sim.state()[0]!.protocol;
  // Signed in and warmed up before the fault, which would hit the token request too.
  await client.getTicket(protocol);
  return { sim, client, protocol };
}

describe('an HTTP-200 body with Laravel debug fields', () => {
  it('fails a read that always gets it as a server fault, not as a refusal', async () => {
    const { sim, client, protocol } = await signedInClient();
    sim.setFaults({ debugErrorRate: 1, rateLimit: null });
    const error = await client.getTicket(protocol).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubsoftError);
    expect((error as HubsoftError).kind).toBe('server');
    expect((error as HubsoftError).message).not.toContain('SQLSTATE');
  });

  it('retries a read that gets it now and then until the real answer comes', async () => {
    const { sim, client, protocol } = await signedInClient();
    sim.setFaults({ debugErrorRate: 0.5, rateLimit: null });
    for (let read = 0; read < 5; read += 1) {
      expect((await client.getTicket(protocol)).protocol).toBe(protocol);
    }
  });
});
