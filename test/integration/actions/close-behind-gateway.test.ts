import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import {
  cacheTickets,
  settled,
  startHarness,
  workableTickets,
  type Harness,
} from '../outbox/harness';

/**
 * A load balancer in front of the simulator whose backend fails every PUT with HTTP 500 and
 * HubSoft's JSON error: after committing a close, or instead of its own 422 refusal.
 */
async function startFailingBalancer(
  target: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (req.method !== 'PUT') {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(body);
            return;
          }
          const refusal =
            (answer.statusCode ?? 200) >= 400 ? (JSON.parse(body) as { msg: string }).msg : null;
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              status: 'error',
              msg: refusal ?? 'Erro interno do servidor.',
              errors: [],
            }),
          );
        });
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let sim: RunningSimulator;
let balancer: Awaited<ReturnType<typeof startFailingBalancer>>;
let harness: Harness;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 83, tickets: 200 });
  sim.setFaults({ rateLimit: null });
  balancer = await startFailingBalancer(sim.url);
  harness = await startHarness(sim, {
    serverUrl: balancer.url,
    rateLimit: { perSecond: 400, burst: 400 },
  });
});

afterAll(async () => {
  await harness.close();
  await balancer.close();
  await sim.close();
});

describe('closing a ticket when the backend answers HTTP 500', () => {
  it('counts a close the server applied as sent, and fails a refused one with the server’s reason', async () => {
    const [applies] = workableTickets(sim, 1);
    const refuses = sim
      .state()
      .find(
        (t) =>
          t.closedAt === null &&
          !t.draft &&
          t.serviceOrders.some((o) => o.status === 'em_execucao'),
      );
    if (!applies || !refuses) throw new Error('the simulator has no tickets for this test');
    const keys = await cacheTickets(harness.store, harness.client, [
      applies.protocol,
      refuses.protocol,
    ]);
    const actions = createActionsService(harness.current);
    const applied = await actions.close(keys.get(applies.protocol) ?? '', {
      description: 'Resolvido',
    });
    const refused = await actions.close(keys.get(refuses.protocol) ?? '', {
      description: 'Resolvido',
    });

    harness.sender.start();
    const final = await settled(harness.store, 15_000);

    expect(final.find((a) => a.id === applied.id)?.state).toBe('sent');
    expect(sim.state({ protocol: applies.protocol })[0]?.closedAt).not.toBeNull();
    const failed = final.find((a) => a.id === refused.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.lastError?.message).toMatch(/ordem de serviço .* está em execução/);
    expect(sim.state({ protocol: refuses.protocol })[0]?.closedAt).toBeNull();
  });
});
