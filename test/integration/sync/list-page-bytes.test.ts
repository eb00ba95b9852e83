import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HubsoftClient } from '../../../main/hubsoft/client';
import { HubsoftError } from '../../../main/hubsoft/errors';
import { skippedRows } from '../../../main/hubsoft/parse/problems';
import { openStore, type Store } from '../../../main/store/client';
import {
  CLIENT_SECRET,
  MemoryTokenStore,
  PASSWORD,
  sendJson,
  startLocalServer,
  type ApiHandler,
  type LocalServer,
} from '../hubsoft/local-server';

const servers: LocalServer[] = [];
const stores: Store[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function row(id: number, prefix = 'pendente'): Record<string, unknown> {
  return {
    id_atendimento: id,
    protocolo: `2024010100000000${String(id).padStart(4, '0')}`,
    data_cadastro: '2024-01-01 09:00:00',
    data_cadastro_timestamp: 1704110400000 + id * 60_000,
    id_atendimento_status: 1,
    rascunho: false,
    status: { id_atendimento_status: 1, prefixo: prefix, descricao: 'Pendente' },
    atendimento_mensagem: [
      {
        id_atendimento_mensagem: id * 10,
        id_atendimento: id,
        mensagem: `Cliente sem conexão desde ontem (${id})`,
        data_cadastro_timestamp: 1704110400000 + id * 60_000 + 5_000,
      },
    ],
  };
}

function page(rows: Record<string, unknown>[]): Record<string, unknown> {
  return {
    status: 'success',
    msg: 'Dados consultados com sucesso',
    paginacao: {
      primeira_pagina: 0,
      ultima_pagina: 0,
      pagina_atual: 0,
      total_registros: rows.length,
    },
    atendimentos: rows,
  };
}

async function setUp(handler: ApiHandler): Promise<{ client: HubsoftClient; store: Store }> {
  const server = await startLocalServer(handler);
  servers.push(server);
  const folder = mkdtempSync(join(tmpdir(), 'hubdesk-list-bytes-'));
  folders.push(folder);
  const store = await openStore({ file: join(folder, 'profile.sqlite') });
  stores.push(store);
  const client = new HubsoftClient({
    credentials: {
      baseUrl: server.url,
      clientId: 'cliente-1',
      clientSecret: CLIENT_SECRET,
      username: 'agente@provedor.com.br',
      password: PASSWORD,
    },
    tokenStore: new MemoryTokenStore(),
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    rateLimit: { perSecond: 1000, burst: 100 },
  });
  return { client, store };
}

const query = { page: 0, perPage: 100 };

async function writtenPage(client: HubsoftClient, store: Store) {
  return client.listTicketsInto(query, (bytes) => store.writeTicketListPage(bytes));
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

describe('a list page read and written by the store worker from the bytes the server sent', () => {
  it('caches the page’s tickets and messages, searchable, and answers the page’s numbers', async () => {
    const { client, store } = await setUp(({ res }) => sendJson(res, 200, page([row(1), row(2)])));
    const written = await writtenPage(client, store);
    expect(written).toEqual({ total: 2, page: 0, lastPage: 0, written: ['t:1', 't:2'] });
    const ticket = await store.getTicket('t:2');
    expect(ticket?.protocol).toBe('20240101000000000002');
    expect(ticket?.messages.map((message) => message.text)).toEqual([
      'Cliente sem conexão desde ontem (2)',
    ]);
    expect((await store.searchTickets('conexao')).map((hit) => hit.ticket.key).sort()).toEqual([
      't:1',
      't:2',
    ]);
  });

  it('leaves out a row it cannot read, writes the others and counts it for diagnostics', async () => {
    const { client, store } = await setUp(({ res }) =>
      sendJson(res, 200, page([row(1), row(2, '')])),
    );
    const before = skippedRows
      .list()
      .find((problem) => problem.field === 'atendimentos[].status.prefixo');
    const written = await writtenPage(client, store);
    expect(written.written).toEqual(['t:1']);
    expect(await store.getTicket('t:2')).toBeNull();
    expect(skippedRows.list()).toContainEqual({
      endpoint: 'GET /api/v1/integracao/atendimento/todos',
      field: 'atendimentos[].status.prefixo',
      skippedRows: (before?.skippedRows ?? 0) + 1,
    });
  });

  it('asks again for a page whose body was cut short, and writes the whole one', async () => {
    const { client, store } = await setUp(({ res, count }) => {
      if (count === 1) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(page([row(1), row(2)])).slice(0, 150));
        return;
      }
      sendJson(res, 200, page([row(1), row(2)]));
    });
    expect((await writtenPage(client, store)).written).toEqual(['t:1', 't:2']);
  });

  it('fails with HubSoft’s words on an error envelope, and writes nothing', async () => {
    const { client, store } = await setUp(({ res }) =>
      sendJson(res, 200, {
        status: 'error',
        msg: 'O filtro por data é obrigatório.',
        errors: [],
      }),
    );
    const error = await failureOf(writtenPage(client, store));
    expect(error.kind).toBe('business');
    expect(error.message).toBe('O filtro por data é obrigatório.');
    expect((await store.listTickets({ status: 'all' })).total).toBe(0);
  });

  it('fails naming the field when the page itself has no paginacao, and writes nothing', async () => {
    const { client, store } = await setUp(({ res }) =>
      sendJson(res, 200, { status: 'success', atendimentos: [row(1)] }),
    );
    const error = await failureOf(writtenPage(client, store));
    expect(error.kind).toBe('parse');
    expect(error.details.field).toBe('paginacao');
    expect((await store.listTickets({ status: 'all' })).total).toBe(0);
  });

  it('reads an HTML page from a proxy as a server failure, retried, then fails clearly', async () => {
    const { client, store } = await setUp(({ res }) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const error = await failureOf(writtenPage(client, store));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('HTTP 502');
    expect(servers[0]?.api).toHaveLength(3);
  });
});
