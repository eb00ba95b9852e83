import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import busboy from 'busboy';
import { afterEach, describe, expect, it } from 'vitest';
import { HubsoftClient, type HubsoftClientOptions } from '../../../main/hubsoft/client';
import { HubsoftError } from '../../../main/hubsoft/errors';
import type { StoredTokens } from '../../../main/hubsoft/session-types';
import {
  CLIENT_SECRET,
  MemoryTokenStore,
  PASSWORD,
  sendJson,
  startLocalServer,
  type ApiHandler,
  type LocalServer,
} from './local-server';

const servers: LocalServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function row(id: number): Record<string, unknown> {
  return {
    id_atendimento: id,
    protocolo: `2024010100000000${String(id).padStart(4, '0')}`,
    data_cadastro: '2024-01-01 09:00:00',
    data_cadastro_timestamp: 1704110400000,
    id_atendimento_status: 1,
    rascunho: false,
  };
}

const todosBody = {
  status: 'success',
  msg: 'Dados consultados com sucesso',
  paginacao: { primeira_pagina: 0, ultima_pagina: 0, pagina_atual: 0, total_registros: 1 },
  atendimentos: [row(1)],
};

const createdBody = {
  status: 'success',
  msg: 'Atendimento aberto com sucesso.',
  atendimento: {
    id_atendimento: 9,
    protocolo: '202401010000000009',
    data_cadastro: '01/01/2024',
    status: 'Aguardando Análise',
  },
};

const newTicket = {
  serviceId: 1,
  description: 'Sem internet',
  requesterName: 'Ana',
  requesterPhone: '37999990000',
};

async function serve(
  handler: ApiHandler,
  options?: Parameters<typeof startLocalServer>[1],
): Promise<LocalServer> {
  const server = await startLocalServer(handler, options);
  servers.push(server);
  return server;
}

function clientFor(
  server: LocalServer,
  overrides: Partial<HubsoftClientOptions> = {},
  password: string | null = PASSWORD,
) {
  const store =
    overrides.tokenStore instanceof MemoryTokenStore
      ? overrides.tokenStore
      : new MemoryTokenStore();
  const client = new HubsoftClient({
    credentials: {
      baseUrl: server.url,
      clientId: 'cliente-1',
      clientSecret: CLIENT_SECRET,
      username: 'agente@provedor.com.br',
      password,
    },
    tokenStore: store,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    rateLimit: { perSecond: 1000, burst: 100 },
    ...overrides,
  });
  return { client, store };
}

async function failureOf(promise: Promise<unknown>): Promise<HubsoftError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HubsoftError);
    return error as HubsoftError;
  }
  throw new Error('expected the call to fail');
}

const listQuery = { page: 0, perPage: 10 };

describe('the client signs in and sends the headers HubSoft expects', () => {
  it('sends Accept and Bearer on every call, and many parallel calls share one sign-in', async () => {
    const server = await serve(({ res }) => sendJson(res, 200, todosBody));
    const { client, store } = clientFor(server);
    await Promise.all(Array.from({ length: 5 }, () => client.listTickets(listQuery)));
    expect(server.grants.map((grant) => grant.grant_type)).toEqual(['password']);
    expect(server.api).toHaveLength(5);
    for (const request of server.api) {
      expect(request.headers.accept).toBe('application/json');
      expect(request.headers.authorization).toBe('Bearer access-1');
    }
    expect(store.saved).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('renews a token close to its expiry before using it, with the refresh grant', async () => {
    const server = await serve(({ res }) => sendJson(res, 200, todosBody));
    const now = Date.now();
    const nearlyExpired: StoredTokens = {
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      expiresAt: now + 1_000,
      obtainedAt: now - 3_600_000,
    };
    const { client, store } = clientFor(server, {
      tokenStore: new MemoryTokenStore(nearlyExpired),
    });
    await client.listTickets(listQuery);
    expect(server.grants.map((grant) => grant.grant_type)).toEqual(['refresh_token']);
    expect(server.api[0]?.headers.authorization).toBe('Bearer access-1');
    expect(store.saved?.expiresAt).toBeGreaterThan(now + 2_000_000_000);
  });

  it('uses a stored token that is still valid without signing in', async () => {
    const server = await serve(({ res }) => sendJson(res, 200, todosBody));
    const now = Date.now();
    const valid: StoredTokens = {
      accessToken: 'access-7',
      refreshToken: 'refresh-7',
      expiresAt: now + 86_400_000,
      obtainedAt: now,
    };
    const { client } = clientFor(server, { tokenStore: new MemoryTokenStore(valid) });
    await client.listTickets(listQuery);
    expect(server.grants).toHaveLength(0);
    expect(server.api[0]?.headers.authorization).toBe('Bearer access-7');
  });

  it('after a 401 re-authenticates once and retries the call', async () => {
    const server = await serve(({ res, count }) =>
      count === 1
        ? sendJson(res, 401, { message: 'Unauthenticated.' })
        : sendJson(res, 200, todosBody),
    );
    const { client } = clientFor(server);
    const page = await client.listTickets(listQuery);
    expect(page.tickets).toHaveLength(1);
    expect(server.grants.map((grant) => grant.grant_type)).toEqual(['password', 'refresh_token']);
    expect(server.api.map((request) => request.headers.authorization)).toEqual([
      'Bearer access-1',
      'Bearer access-2',
    ]);
  });

  it('gives up with an auth error after one re-authentication that still gets 401', async () => {
    const server = await serve(({ res }) => sendJson(res, 401, { message: 'Unauthenticated.' }));
    const { client } = clientFor(server);
    const error = await failureOf(client.listTickets(listQuery));
    expect(error.kind).toBe('auth');
    expect(server.api).toHaveLength(2);
  });

  it('falls back to the remembered password when the refresh token is refused', async () => {
    const server = await serve(
      ({ res, count }) =>
        count === 1
          ? sendJson(res, 401, { message: 'Unauthenticated.' })
          : sendJson(res, 200, todosBody),
      { refuseRefresh: true },
    );
    const { client } = clientFor(server);
    await client.listTickets(listQuery);
    expect(server.grants.map((grant) => grant.grant_type)).toEqual([
      'password',
      'refresh_token',
      'password',
    ]);
  });

  it('asks the agent to sign in when the session is lost and no password was remembered', async () => {
    const server = await serve(({ res }) => sendJson(res, 401, { message: 'Unauthenticated.' }), {
      refuseRefresh: true,
    });
    const now = Date.now();
    const store = new MemoryTokenStore({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      expiresAt: now + 86_400_000,
      obtainedAt: now,
    });
    const { client } = clientFor(server, { tokenStore: store }, null);
    const error = await failureOf(client.listTickets(listQuery));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.message).toContain('Entre novamente');
    expect(store.saved).toBeNull();
  });

  it('reports wrong credentials on explicit sign-in as auth, with no secret in the error', async () => {
    const server = await serve(({ res }) => sendJson(res, 200, todosBody));
    const { client } = clientFor(server, {}, null);
    const error = await failureOf(client.signIn('senha-errada-789'));
    expect(error.kind).toBe('auth');
    const everything =
      JSON.stringify({ message: error.message, data: error.toData(), own: Object.entries(error) }) +
      String(error.stack);
    for (const secret of ['senha-errada-789', CLIENT_SECRET])
      expect(everything).not.toContain(secret);
  });
});

describe('secrets stay out of sign-in failures', () => {
  it('scrubs the typed password and client secret that a broken OAuth server echoes back', async () => {
    const server = await serve(({ res }) => sendJson(res, 200, todosBody), {
      oauthAnswer: (grant) => ({
        status: 500,
        body: {
          status: 'error',
          msg: `falha com ${grant.password} e ${grant.client_secret}`,
          errors: [grant.password],
        },
      }),
    });
    const { client } = clientFor(server, {}, null);
    const error = await failureOf(client.signIn('digitada-agora-321'));
    expect(error.kind).toBe('server');
    const everything =
      JSON.stringify({ message: error.message, data: error.toData(), own: Object.entries(error) }) +
      String(error.stack);
    expect(everything).toContain('falha com');
    for (const secret of ['digitada-agora-321', CLIENT_SECRET])
      expect(everything).not.toContain(secret);
  });
});

describe('the client survives a misbehaving server', () => {
  it('retries a read answered with an HTML error page, then succeeds', async () => {
    const server = await serve(({ res, count }) => {
      if (count === 1) {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      } else sendJson(res, 200, todosBody);
    });
    const { client } = clientFor(server);
    expect((await client.listTickets(listQuery)).total).toBe(1);
    expect(server.api).toHaveLength(2);
  });

  it('reports a server failure when every attempt gets an HTML page', async () => {
    const server = await serve(({ res }) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html>503</html>');
    });
    const { client } = clientFor(server);
    const error = await failureOf(client.listTickets(listQuery));
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect(server.api).toHaveLength(3);
  });

  it('retries a read whose JSON was cut short', async () => {
    const server = await serve(({ res, count }) => {
      if (count === 1) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(todosBody).slice(0, 60));
      } else sendJson(res, 200, todosBody);
    });
    const { client } = clientFor(server);
    expect((await client.listTickets(listQuery)).tickets[0]?.id).toBe(1);
  });

  it('reports a create whose answer was cut short as ambiguous, and does not resend it', async () => {
    const server = await serve(({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(createdBody).slice(0, 40));
    });
    const { client } = clientFor(server);
    expect((await failureOf(client.createTicket(newTicket))).kind).toBe('ambiguous');
    expect(server.api).toHaveLength(1);
  });

  it('waits out a 429 as retry_after says, for reads and writes', async () => {
    const server = await serve(({ res, count }) => {
      if (count === 1 || count === 3)
        sendJson(res, 429, { message: 'Too Many Attempts.', retry_after: 0.05 });
      else if (count === 2) sendJson(res, 200, todosBody);
      else sendJson(res, 200, createdBody);
    });
    const { client } = clientFor(server);
    await client.listTickets(listQuery);
    expect((await client.createTicket(newTicket)).id).toBe(9);
    expect(server.api.filter((request) => request.method === 'POST')).toHaveLength(2);
  });

  it('reports rate_limited with the wait when 429 persists', async () => {
    const server = await serve(({ res }) =>
      sendJson(res, 429, { message: 'Too Many Attempts.', retry_after: 0.01 }),
    );
    const { client } = clientFor(server);
    expect(await failureOf(client.listTickets(listQuery))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 10,
    });
  });

  it('retries a read whose connection was reset', async () => {
    const server = await serve(({ req, res, count }) =>
      count === 1 ? req.socket.destroy() : sendJson(res, 200, todosBody),
    );
    const { client } = clientFor(server);
    expect((await client.listTickets(listQuery)).total).toBe(1);
  });

  it('reports a message whose connection was reset after sending as ambiguous, sent once', async () => {
    const server = await serve(({ req }) => req.socket.destroy());
    const { client } = clientFor(server);
    expect((await failureOf(client.addMessage(9, 'Olá'))).kind).toBe('ambiguous');
    expect(server.api).toHaveLength(1);
  });

  it('reports a create the server received but never answered as ambiguous', async () => {
    const server = await serve(() => undefined);
    const { client } = clientFor(server, { timeoutMs: 200 });
    const error = await failureOf(client.createTicket(newTicket));
    expect(error.kind).toBe('ambiguous');
    expect(error.message).toContain('não se sabe');
    expect(server.api).toHaveLength(1);
  });

  it('reports a read that never gets an answer as a timeout after its retries', async () => {
    const server = await serve(() => undefined);
    const { client } = clientFor(server, { timeoutMs: 100 });
    expect((await failureOf(client.listTickets(listQuery))).kind).toBe('timeout');
    expect(server.api).toHaveLength(3);
  });

  it('reports a refused connection as a network failure, even for a create', async () => {
    const server = await serve(({ res }) => sendJson(res, 200, todosBody));
    await server.close();
    const now = Date.now();
    const valid: StoredTokens = {
      accessToken: 'access-7',
      refreshToken: null,
      expiresAt: now + 86_400_000,
      obtainedAt: now,
    };
    const { client } = clientFor(server, { tokenStore: new MemoryTokenStore(valid) });
    expect((await failureOf(client.createTicket(newTicket))).kind).toBe('network');
    expect((await failureOf(client.listTickets(listQuery))).kind).toBe('network');
  });

  it('stops a call when its AbortSignal fires', async () => {
    const server = await serve(() => undefined);
    const { client } = clientFor(server, { timeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = client.listTickets({ ...listQuery, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failureOf(pending)).kind).toBe('cancelled');
  });
});

describe('HubSoft failures reported in the body', () => {
  it('turns status "error" with errors[] into validation carrying them', async () => {
    const server = await serve(({ res }) =>
      sendJson(res, 200, {
        status: 'error',
        msg: 'Erro de validação',
        errors: ['O campo telefone é obrigatório.'],
      }),
    );
    const { client } = clientFor(server);
    const error = await failureOf(client.createTicket(newTicket));
    expect(error).toMatchObject({ kind: 'validation', message: 'Erro de validação' });
    expect(error.details.errors).toEqual(['O campo telefone é obrigatório.']);
  });

  it('turns status "error" without errors into a business failure, not retried', async () => {
    const server = await serve(({ res }) =>
      sendJson(res, 200, { status: 'error', msg: 'Atendimento já fechado.' }),
    );
    const { client } = clientFor(server);
    expect(await failureOf(client.addMessage(9, 'Olá'))).toMatchObject({
      kind: 'business',
      message: 'Atendimento já fechado.',
    });
    expect(server.api).toHaveLength(1);
  });

  it('keeps the reason of a close answered HTTP 500, its outcome unknown until read back', async () => {
    const server = await serve(({ res }) =>
      sendJson(res, 500, {
        status: 'error',
        msg: 'A O.S. 131 está em execução e não pode ser fechada.',
      }),
    );
    const { client } = clientFor(server);
    const error = await failureOf(client.closeTicket(9, { reasonId: 1, description: 'Resolvido' }));
    // Behind a gateway a 5xx may follow the commit: the outbox reads the close back and shows
    // this reason only if the ticket is still open.
    expect(error).toMatchObject({
      kind: 'ambiguous',
      status: 500,
      details: { serverMessage: 'A O.S. 131 está em execução e não pode ser fechada.' },
    });
    expect(server.api).toHaveLength(1);
    expect(JSON.parse(server.api[0]?.body ?? '{}')).toEqual({
      fechar_atendimento: true,
      parametros_fechamento: {
        id_motivo_fechamento_atendimento: 1,
        descricao_fechamento: 'Resolvido',
      },
    });
  });

  it('names the field of a create answer it cannot read, and says the ticket was created', async () => {
    const server = await serve(({ res }) =>
      sendJson(res, 200, {
        ...createdBody,
        atendimento: { ...createdBody.atendimento, protocolo: 'ABC' },
      }),
    );
    const { client } = clientFor(server);
    const error = await failureOf(client.createTicket(newTicket));
    expect(error.kind).toBe('parse');
    expect(error.details).toMatchObject({ field: 'atendimento.protocolo', applied: true });
  });

  it('never lets a token, password or client secret into an error', async () => {
    const server = await serve(({ req, res }) =>
      sendJson(res, 422, {
        status: 'error',
        msg: `Token ${String(req.headers.authorization)} inválido para ${PASSWORD}`,
        errors: [`segredo ${CLIENT_SECRET}`],
      }),
    );
    const { client } = clientFor(server);
    const error = await failureOf(client.createTicket(newTicket));
    const everything =
      JSON.stringify({ message: error.message, data: error.toData(), own: Object.entries(error) }) +
      String(error.stack);
    for (const secret of ['access-1', 'refresh-1', PASSWORD, CLIENT_SECRET])
      expect(everything).not.toContain(secret);
    expect(error.kind).toBe('validation');
  });
});

describe('attachments', () => {
  it('streams files from disk as files[i] and reports upload progress to the end', async () => {
    const received: { field: string; name: string; sha256: string; size: number }[] = [];
    const server = await serve(({ res, request }) => {
      const parser = busboy({ headers: request.headers });
      parser.on('file', (field, stream, info) => {
        const hash = createHash('sha256');
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          size += chunk.length;
        });
        stream.on('end', () =>
          received.push({ field, name: info.filename ?? '', sha256: hash.digest('hex'), size }),
        );
      });
      parser.on('close', () =>
        sendJson(res, 200, {
          status: 'success',
          msg: 'Anexo Adicionado com sucesso',
          atendimento: { id_atendimento: 9, protocolo: '202401010000000009' },
        }),
      );
      parser.end(request.raw);
    });
    const folder = mkdtempSync(join(tmpdir(), 'hubsoft-upload-'));
    folders.push(folder);
    const big = randomBytes(3 * 1024 * 1024);
    writeFileSync(join(folder, 'speedtest.png'), big);
    writeFileSync(join(folder, 'log.txt'), 'ping 25ms\n');
    const { client } = clientFor(server);
    const progress: { sentBytes: number; totalBytes: number | null }[] = [];
    const receipt = await client.addAttachments(
      9,
      [
        { path: join(folder, 'speedtest.png'), mimeType: 'image/png' },
        { path: join(folder, 'log.txt'), name: 'traceroute.txt' },
      ],
      { onProgress: (step) => progress.push(step) },
    );
    expect(receipt).toEqual({ ticketId: 9, protocol: '202401010000000009' });
    expect(received).toEqual([
      {
        field: 'files[0]',
        name: 'speedtest.png',
        sha256: createHash('sha256').update(big).digest('hex'),
        size: big.length,
      },
      {
        field: 'files[1]',
        name: 'traceroute.txt',
        sha256: createHash('sha256').update('ping 25ms\n').digest('hex'),
        size: 10,
      },
    ]);
    const last = progress[progress.length - 1];
    expect(last?.totalBytes).toBeGreaterThan(big.length);
    expect(last?.sentBytes).toBe(last?.totalBytes);
  });
});
