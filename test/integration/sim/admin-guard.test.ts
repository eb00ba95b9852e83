/**
 * The simulator's admin routes as a hostile web page in the agent's browser would meet them: in
 * demo mode they are not there at all; everywhere they answer only their own host, only JSON
 * bodies, and a huge state read lets other requests in.
 */
import { spawn } from 'node:child_process';
import { request, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDemoMode } from '../../../main/demo/demo-mode';
import type { RunningSimulator } from '../../../main/sim/server';
import { startSim } from './sim-client';

interface RawAnswer {
  status: number;
  body: string;
}

/** A request with exactly these headers (fetch would choose the Host itself). */
function rawRequest(
  port: number,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const resetBody = JSON.stringify({ seed: 5, tickets: 1 });

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSim({ seed: 3, tickets: 40 });
});
afterAll(async () => {
  await sim.close();
});

const ticketCount = () => sim.state().length;

describe('the admin routes answer only their own host and JSON', () => {
  it('a request naming another host (DNS rebinding) is refused and resets nothing', async () => {
    const answer = await rawRequest(sim.port, {
      method: 'POST',
      path: '/__sim/reset',
      headers: { host: `hubdesk.attacker.example:${sim.port}`, 'content-type': 'application/json' },
      body: resetBody,
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'forbidden_host' });
    expect(ticketCount()).toBe(40);
  });

  it('a text/plain body, which a page may post without asking, is refused with 415', async () => {
    const answer = await rawRequest(sim.port, {
      method: 'POST',
      path: '/__sim/faults',
      headers: { host: `127.0.0.1:${sim.port}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'unsupported_media_type' });
    const withoutType = await rawRequest(sim.port, {
      method: 'POST',
      path: '/__sim/reset',
      headers: { host: `127.0.0.1:${sim.port}` },
      body: '',
    });
    expect(withoutType.status).toBe(415);
    expect(ticketCount()).toBe(40);
    // No fault was set: the HubSoft routes still answer.
    const token = await fetch(`${sim.url}/oauth/token`, { method: 'POST' });
    expect(token.status).not.toBe(500);
  });

  it('a request from another origin is refused even with the right host', async () => {
    const answer = await rawRequest(sim.port, {
      method: 'POST',
      path: '/__sim/reset',
      headers: {
        host: `127.0.0.1:${sim.port}`,
        origin: 'https://anuncios.example',
        'content-type': 'application/json',
      },
      body: resetBody,
    });
    expect(answer.status).toBe(403);
    const state = await rawRequest(sim.port, {
      method: 'GET',
      path: '/__sim/state',
      headers: { host: `127.0.0.1:${sim.port}`, 'sec-fetch-site': 'cross-site' },
    });
    expect(state.status).toBe(403);
    expect(ticketCount()).toBe(40);
  });

  it('the simulator’s own host, by address or as localhost, is served', async () => {
    for (const host of [`127.0.0.1:${sim.port}`, `localhost:${sim.port}`]) {
      const answer = await rawRequest(sim.port, {
        method: 'GET',
        path: '/__sim/state?only=changed',
        headers: { host },
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ seed: 3, tickets: [] });
    }
  });
});

describe('demo mode', () => {
  it('serves no admin route: reset, faults and state are unknown routes there', async () => {
    const demo = createDemoMode({ tickets: 30 });
    try {
      const { baseUrl } = await demo.start();
      const port = Number(new URL(baseUrl).port);
      for (const [method, path] of [
        ['POST', '/__sim/reset'],
        ['POST', '/__sim/faults'],
        ['GET', '/__sim/state'],
      ] as const) {
        const answer = await rawRequest(port, {
          method,
          path,
          headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json' },
          body: method === 'POST' ? resetBody : undefined,
        });
        expect(answer.status).toBe(404);
      }
    } finally {
      await demo.dispose();
    }
  });
});

describe('a state read of a large dataset', () => {
  it('writes a few hundred records at most before letting other work run, even to a fast reader', async () => {
    const tickets = 20_000;
    const big = await startSim({ seed: 4, tickets });
    // Every write of the streamed answer, and every turn of the event loop, in order.
    const writes = vi.spyOn(ServerResponse.prototype, 'write');
    let longestStretch = 0;
    let writesAtLastTurn = 0;
    let counting = true;
    const turn = () => {
      longestStretch = Math.max(longestStretch, writes.mock.calls.length - writesAtLastTurn);
      writesAtLastTurn = writes.mock.calls.length;
      if (counting) setImmediate(turn);
    };
    try {
      // Another process reads as fast as it can, so the socket rarely pushes back.
      const reader = spawn(process.execPath, [
        '-e',
        `fetch(${JSON.stringify(`${big.url}/__sim/state`)}).then((r) => r.arrayBuffer()).then((b) => console.log(b.byteLength))`,
      ]);
      let output = '';
      reader.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      setImmediate(turn);
      await new Promise((resolve) => reader.once('exit', resolve));
      counting = false;
      expect(writes.mock.calls.length).toBeGreaterThan(tickets);
      expect(Number(output)).toBeGreaterThan(tickets * 100);
      expect(longestStretch).toBeLessThanOrEqual(1_000);
    } finally {
      writes.mockRestore();
      await big.close();
    }
  }, 60_000);
});
