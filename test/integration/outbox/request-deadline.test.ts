import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HubsoftClient } from '../../../main/hubsoft/client';
import { HubsoftError } from '../../../main/hubsoft/errors';
import {
  CLIENT_SECRET,
  MemoryTokenStore,
  PASSWORD,
  startLocalServer,
  type LocalServer,
} from '../hubsoft/local-server';

let server: LocalServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

/** A server that starts a JSON answer and then sends one byte at a time, never finishing. */
function trickle(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"status":"success","tipos_atendimento":[');
  const timer = setInterval(() => res.write(' '), 20);
  res.on('close', () => clearInterval(timer));
}

function clientFor(url: string): HubsoftClient {
  return new HubsoftClient({
    credentials: {
      baseUrl: url,
      clientId: 'cliente-1',
      clientSecret: CLIENT_SECRET,
      username: 'agente@provedor.com.br',
      password: PASSWORD,
    },
    tokenStore: new MemoryTokenStore(),
    retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 },
    rateLimit: { perSecond: 1000, burst: 100 },
    // The idle timer never fires on a trickle: only the wall-clock deadline can end it.
    timeoutMs: 5_000,
    deadlineMs: 300,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<HubsoftError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubsoftError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('a server that trickles its answer byte by byte', () => {
  it('makes a read give up as a timeout instead of hanging', async () => {
    server = await startLocalServer(({ res }) => trickle(res));
    const error = await failureOf(clientFor(server.url).getConfigList('ticketTypes'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/não terminou de responder/);
  }, 10_000);

  it('leaves a write that passed its deadline with an unknown outcome, to be read back', async () => {
    server = await startLocalServer(({ res }) => trickle(res));
    const error = await failureOf(clientFor(server.url).addMessage(4413, 'Técnico a caminho'));
    expect(error.kind).toBe('ambiguous');
    expect(server.api.map((request) => request.path)).toEqual([
      '/api/v1/integracao/atendimento/adicionar_mensagem/4413',
    ]);
  }, 10_000);
});
