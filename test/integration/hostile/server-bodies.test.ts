import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HubsoftClient } from '../../../main/hubsoft/client';
import { HubsoftError } from '../../../main/hubsoft/errors';
import {
  CLIENT_SECRET,
  MemoryTokenStore,
  PASSWORD,
  startLocalServer,
  type ApiHandler,
  type LocalServer,
} from '../hubsoft/local-server';

const servers: LocalServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const fiftyMegabytes = 50 * 1024 * 1024;
const pageHead =
  '{"status":"success","paginacao":{"primeira_pagina":0,"ultima_pagina":0,"pagina_atual":0,"total_registros":1},"atendimentos":';
const row = JSON.stringify({
  id_atendimento: 1,
  protocolo: '20240101000000000001',
  data_cadastro: '2024-01-01 09:00:00',
  id_atendimento_status: 1,
  rascunho: false,
  descricao: 'Cliente sem conexão. '.repeat(10),
});

async function clientAnswering(handler: ApiHandler): Promise<HubsoftClient> {
  const server = await startLocalServer(handler);
  servers.push(server);
  return new HubsoftClient({
    credentials: {
      baseUrl: server.url,
      clientId: 'cliente-1',
      clientSecret: CLIENT_SECRET,
      username: 'agente@provedor.com.br',
      password: PASSWORD,
    },
    tokenStore: new MemoryTokenStore(),
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    rateLimit: { perSecond: 1000, burst: 100 },
  });
}

function answerWith(body: string, type = 'application/json'): ApiHandler {
  return ({ res }) => {
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

async function failureOf(work: Promise<unknown>): Promise<HubsoftError> {
  const error: unknown = await work.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HubsoftError);
  return error as HubsoftError;
}

/** A Portuguese sentence for the agent: no stack, no raw body, no English from a library. */
function expectClearMessage(error: HubsoftError): void {
  expect(error.message).toMatch(/^[A-Z].*[.]$/);
  expect(error.message).toMatch(/HubSoft/);
  expect(error.message.length).toBeLessThan(200);
  expect(error.message).not.toMatch(/maxContentLength|Maximum call stack|Unexpected token|JSON at/);
}

const list = (client: HubsoftClient) => client.listTickets({ page: 0, perPage: 10 });

/** 50 MB of a valid page, written in chunks; notes whether the client hung up before the end. */
function streamedHugePage(seen: { cutShort: boolean | null }): ApiHandler {
  return ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.once('close', () => {
      seen.cutShort = !res.writableFinished;
    });
    let written = 0;
    const writeMore = (target: ServerResponse): void => {
      if (written === 0) target.write(`${pageHead}[${row}`);
      const chunk = `,${row}`.repeat(2_000);
      while (written < fiftyMegabytes && !target.destroyed) {
        written += chunk.length;
        if (!target.write(chunk)) {
          target.once('drain', () => writeMore(target));
          return;
        }
      }
      if (!target.destroyed) target.end(']}');
    };
    writeMore(res);
  };
}

describe('server bodies no HubSoft should send', () => {
  it('a 50 MB answer is dropped as too large, before it is read to the end', async () => {
    const seen: { cutShort: boolean | null } = { cutShort: null };
    const error = await failureOf(list(await clientAnswering(streamedHugePage(seen))));
    expect(error.kind).toBe('parse');
    expect(error.message).toMatch(/grande demais/);
    expectClearMessage(error);
    await expect.poll(() => seen.cutShort).toBe(true);
  });

  it('a 50 MB answer that announces its length is refused the same way', async () => {
    const rows = Array.from({ length: Math.ceil(fiftyMegabytes / row.length) }, () => row);
    const body = `${pageHead}[${rows.join(',')}]}`;
    const error = await failureOf(list(await clientAnswering(answerWith(body))));
    expect(error.kind).toBe('parse');
    expectClearMessage(error);
  });

  it('a create answered with 50 MB is reported as possibly applied, never sent again', async () => {
    let creates = 0;
    const client = await clientAnswering((context) => {
      creates += 1;
      answerWith(`{"status":"success","atendimento":"${'x'.repeat(fiftyMegabytes)}"}`)(context);
    });
    const error = await failureOf(
      client.createTicket({
        serviceId: 1,
        description: 'Sem internet',
        requesterName: 'Ana',
        requesterPhone: '37999990000',
      }),
    );
    expect(error.kind).toBe('ambiguous');
    expectClearMessage(error);
    expect(creates).toBe(1);
  });

  it.each([
    ['arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
  ])(
    'a page nested 100,000 levels deep (%s) is a parse error naming the nesting',
    async (_shape, deep) => {
      for (const body of [
        `${pageHead}${deep}}`,
        `${pageHead}[{"id_atendimento":1,"x":${deep}}]}`,
      ]) {
        const error = await failureOf(list(await clientAnswering(answerWith(body))));
        expect(error.kind).toBe('parse');
        expect(error.message).toMatch(/aninhamento/);
        expectClearMessage(error);
      }
    },
  );

  it.each([
    ['cut short', `${pageHead}[${row},${row.slice(0, 40)}`, /truncado ou malformado/],
    ['plain text', 'Service temporarily unavailable', /não é JSON válido/],
    ['empty', '', /está vazio/],
    ['JSON null', 'null', /não é um objeto JSON/],
    ['a JSON array', '[1,2,3]', /não é um objeto JSON/],
    ['a JSON string', '"ok"', /não é um objeto JSON/],
    ['binary bytes', '\u0000\u0001\u00ff\ufffd', /não é JSON válido/],
  ])('a body that is %s is a parse error that says so', async (_what, body, message) => {
    const error = await failureOf(list(await clientAnswering(answerWith(body))));
    expect(error.kind).toBe('parse');
    expect(error.message).toMatch(message);
    expectClearMessage(error);
  });

  it('an HTML page with HTTP 200 is a parse error, and with HTTP 502 a server error', async () => {
    const page = '<html><body><h1>Bad Gateway</h1></body></html>';
    const ok = await failureOf(list(await clientAnswering(answerWith(page, 'text/html'))));
    expect(ok.kind).toBe('parse');
    expectClearMessage(ok);
    const gateway = await failureOf(
      list(
        await clientAnswering(({ res }) => {
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end(page);
        }),
      ),
    );
    expect(gateway.kind).toBe('server');
    expectClearMessage(gateway);
  });
});
