import { afterEach, describe, expect, it } from 'vitest';
import { HubsoftClient } from '../../../main/hubsoft/client';
import type { StoredTokens } from '../../../main/hubsoft/session-types';
import {
  CLIENT_SECRET,
  MemoryTokenStore,
  PASSWORD,
  sendJson,
  startLocalServer,
  type LocalServer,
} from './local-server';

const HOUR_MS = 60 * 60_000;
const THIRTY_DAYS_MS = 30 * 24 * HOUR_MS;

let server: LocalServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function serveTypes(): Promise<LocalServer> {
  return startLocalServer(({ res }) =>
    sendJson(res, 200, {
      status: 'success',
      msg: 'Dados consultados com sucesso',
      tipos_atendimento: [{ id_tipo_atendimento: 128, descricao: 'SAC' }],
    }),
  );
}

function tokensObtained(hoursAgo: number): StoredTokens {
  const obtainedAt = Date.now() - hoursAgo * HOUR_MS;
  return {
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    obtainedAt,
    expiresAt: obtainedAt + THIRTY_DAYS_MS,
  };
}

function clientFor(running: LocalServer, tokens: MemoryTokenStore): HubsoftClient {
  return new HubsoftClient({
    credentials: {
      baseUrl: running.url,
      clientId: 'cliente-1',
      clientSecret: CLIENT_SECRET,
      username: 'agente@provedor.com.br',
      password: PASSWORD,
    },
    tokenStore: tokens,
    // The API budget is spent at once: a grant taken from it would wait minutes and time out.
    rateLimit: { perSecond: 0.001, burst: 2 },
  });
}

describe('the access token', () => {
  it('is kept while it is less than a day old, though it is valid for 30 days', async () => {
    server = await serveTypes();
    const tokens = new MemoryTokenStore(tokensObtained(23));
    await clientFor(server, tokens).getConfigList('ticketTypes');
    expect(server.grants).toEqual([]);
    expect(server.api[0]?.headers.authorization).toBe('Bearer access-0');
  });

  it('is renewed once it is a day old, as HubSoft recommends, and the new one is used', async () => {
    server = await serveTypes();
    const tokens = new MemoryTokenStore(tokensObtained(25));
    await clientFor(server, tokens).getConfigList('ticketTypes');
    expect(server.grants.map((grant) => grant.grant_type)).toEqual(['refresh_token']);
    expect(server.api[0]?.headers.authorization).toBe('Bearer access-1');
    expect(tokens.saved?.accessToken).toBe('access-1');
  });

  it('stays in use when its daily renewal cannot reach the server', async () => {
    server = await startLocalServer(
      ({ res }) =>
        sendJson(res, 200, {
          status: 'success',
          msg: 'Dados consultados com sucesso',
          tipos_atendimento: [{ id_tipo_atendimento: 128, descricao: 'SAC' }],
        }),
      { oauthAnswer: () => ({ status: 503, body: { message: 'Service Unavailable' } }) },
    );
    const tokens = new MemoryTokenStore(tokensObtained(25));
    const types = await clientFor(server, tokens).getConfigList('ticketTypes');
    expect(types.map((type) => type.label)).toEqual(['SAC']);
    expect(server.api[0]?.headers.authorization).toBe('Bearer access-0');
  });

  it('is granted from a budget of its own, apart from the API calls', async () => {
    server = await serveTypes();
    const client = clientFor(server, new MemoryTokenStore());
    await client.signIn(PASSWORD);
    await client.getConfigList('ticketTypes');
    await client.getConfigList('ticketTypes');
    expect(server.grants).toHaveLength(1);
    expect(server.api).toHaveLength(2);
  });
});
