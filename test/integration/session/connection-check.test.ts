/**
 * "Testar conexão" against servers that fail in each way an agent meets: the simulator for the
 * HubSoft answers, small local servers for everything a HubSoft would never do.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck } from '../../../preload/types';
import { checkConnection, type ConnectionCheckInput } from '../../../main/session/connection-check';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { tempDirs } from './helpers';

const run = promisify(execFile);

function demoInput(baseUrl: string): ConnectionCheckInput {
  return {
    baseUrl,
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    username: DEMO_ACCOUNT.username,
    password: DEMO_ACCOUNT.password,
  };
}

const servers: Server[] = [];
const dirs = tempDirs();

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function httpServer(handler: RequestListener): Promise<string> {
  return `http://127.0.0.1:${await listen(createHttpServer(handler))}`;
}

function json(res: Parameters<RequestListener>[1], status: number, body: unknown, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Grants any password like HubSoft's OAuth and lets the test decide how the API answers. */
function grantingServer(
  api: RequestListener,
  headers: Record<string, string> = {},
): RequestListener {
  return (req, res) => {
    req.resume();
    if (req.url === '/oauth/token') {
      json(
        res,
        200,
        { token_type: 'Bearer', expires_in: 2592000, access_token: 'a', refresh_token: 'r' },
        headers,
      );
      return;
    }
    api(req, res);
  };
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});
afterAll(() => dirs.cleanup());

describe('testing the connection against a HubSoft (the simulator)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, tickets: 20 });
  });
  afterAll(() => sim.close());

  it('with everything right, says ok and nothing else', async () => {
    expect(await checkConnection(demoInput(sim.url))).toEqual({
      ok: true,
      problem: null,
      code: 'ok',
    });
  });

  it('a wrong client secret is reported as the integration client, not the password', async () => {
    const check = await checkConnection({ ...demoInput(sim.url), clientSecret: 'outro-segredo' });
    expect(check).toEqual({
      ok: false,
      code: 'wrong_client',
      problem:
        'O HubSoft recusou o ID do cliente ou o segredo do cliente (invalid_client). Confira os dados da ' +
        'integração cadastrada no HubSoft e copie-os de novo, sem espaços.',
    });
  });

  it('a wrong password is reported as the user or password', async () => {
    const check = await checkConnection({ ...demoInput(sim.url), password: 'errada' });
    expect(check).toEqual({
      ok: false,
      code: 'wrong_credentials',
      problem:
        'O HubSoft recusou o usuário ou a senha. Confira o e-mail e a senha do usuário ' +
        '(maiúsculas e minúsculas fazem diferença).',
    });
  });

  it('a URL pasted from Postman still reaches the server', async () => {
    const check = await checkConnection(
      demoInput(`${sim.url}/api/v1/integracao/atendimento/todos`),
    );
    expect(check.code).toBe('ok');
  });

  it('an https address to a server that speaks plain http is a TLS failure', async () => {
    const check = await checkConnection(demoInput(sim.url.replace('http://', 'https://')));
    expect(check.code).toBe('tls');
    expect(check.problem).toMatch(/^A conexão segura \(HTTPS\) com 127\.0\.0\.1:\d+ falhou \(/);
  });

  it("this computer's clock far off the server's is reported once everything else works", async () => {
    const tenMinutesAhead = () => Date.now() + 10 * 60_000;
    const check = await checkConnection(demoInput(sim.url), { now: tenMinutesAhead });
    expect(check).toEqual({
      ok: false,
      code: 'clock_skew',
      problem:
        'O relógio deste computador está 10 minutos adiantado em relação ao servidor HubSoft. ' +
        'Acerte a data, a hora e o fuso horário (de preferência automáticos) e teste de novo.',
    });
  });
});

describe('testing the connection when the address is wrong or unreachable', () => {
  it('an address on the network with plain http is refused before any request', async () => {
    const check = await checkConnection(demoInput('http://api.provedor.hubsoft.com.br'));
    expect(check.code).toBe('invalid_address');
    expect(check.problem).toMatch(/^O endereço precisa usar https:\/\//);
  });

  it('a port where nothing listens: connection refused', async () => {
    const port = await listen(createHttpServer());
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const check = await checkConnection(demoInput(`http://127.0.0.1:${port}`));
    expect(check).toEqual({
      ok: false,
      code: 'unreachable',
      problem:
        `Nada respondeu em 127.0.0.1:${port}: a conexão foi recusada. Confira o endereço e a ` +
        'porta, e se o servidor está no ar.',
    });
  });

  it('a name that does not exist: DNS', async () => {
    const check = await checkConnection(demoInput('https://hubsoft.nao-existe.invalid'));
    expect(check.code).toBe('unreachable');
    expect(check.problem).toMatch(/hubsoft\.nao-existe\.invalid .*\(DNS\)/);
  });

  it('a server that never answers: timeout', async () => {
    const url = await httpServer(() => undefined);
    const check = await checkConnection(demoInput(url), { timeoutMs: 300 });
    expect(check).toEqual({
      ok: false,
      code: 'unreachable',
      problem:
        `O servidor ${new URL(url).host} não respondeu em 1 s. ` +
        'Confira a conexão com a internet e o endereço, e tente de novo.',
    });
  });

  it('a self-signed certificate: TLS failure naming the cause', async () => {
    const dir = await dirs.make('tls');
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]);
    const server = createHttpsServer(
      { key: await readFile(key), cert: await readFile(cert) },
      grantingServer((_req, res) => json(res, 200, { status: 'success', status_atendimento: [] })),
    );
    const port = await listen(server);
    const check = await checkConnection(demoInput(`https://127.0.0.1:${port}`));
    expect(check).toEqual({
      ok: false,
      code: 'tls',
      problem:
        `O certificado HTTPS de 127.0.0.1:${port} é autoassinado e não é confiável. ` +
        'Peça ao responsável pelo servidor um certificado válido (por exemplo, Let’s Encrypt).',
    });
  });
});

describe('testing the connection against something that is not HubSoft', () => {
  it('a server without /oauth/token (404)', async () => {
    const url = await httpServer((req, res) => {
      req.resume();
      json(res, 404, { message: 'Not Found' });
    });
    const check = await checkConnection(demoInput(url));
    expect(check).toEqual({
      ok: false,
      code: 'not_hubsoft',
      problem:
        `O endereço ${new URL(url).host} respondeu, mas não tem a rota de login /oauth/token ` +
        '(HTTP 404): não parece ser um servidor HubSoft. Confira o endereço da API do HubSoft.',
    });
  });

  it('a web page (the provider’s site or panel) instead of the API', async () => {
    const url = await httpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body>Provedor Net</body></html>');
    });
    const check = await checkConnection(demoInput(url));
    expect(check.code).toBe('not_hubsoft');
    expect(check.problem).toBe(
      `O endereço ${new URL(url).host} respondeu, mas com uma página da web em vez da API do ` +
        'HubSoft. Confira se é o endereço da API, e não o do painel ou do site.',
    );
  });

  it('JSON that is no OAuth answer', async () => {
    const url = await httpServer((req, res) => {
      req.resume();
      json(res, 200, { ok: true, version: '2.1' });
    });
    const check = await checkConnection(demoInput(url));
    expect(check.code).toBe('not_hubsoft');
    expect(check.problem).toMatch(
      /respondeu ao login de um jeito que o HubSoft não responde \(HTTP 200, sem token\)/,
    );
  });

  it('a redirect is reported with where it leads, not followed with the password', async () => {
    const url = await httpServer((req, res) => {
      req.resume();
      res.writeHead(301, { location: 'https://www.provedor.com.br/' });
      res.end();
    });
    const check = await checkConnection(demoInput(url));
    expect(check.code).toBe('not_hubsoft');
    expect(check.problem).toMatch(
      /^O endereço redireciona para https:\/\/www\.provedor\.com\.br\/\./,
    );
  });

  it('an OAuth server whose API has no configuration lists', async () => {
    const url = await httpServer(grantingServer((_req, res) => json(res, 200, { data: [] })));
    const check = await checkConnection(demoInput(url));
    expect(check.code).toBe('not_hubsoft');
    expect(check.problem).toMatch(/a API respondeu sem a lista de status de atendimento/);
  });
});

describe('testing the connection with a user the API does not let in', () => {
  it('a token granted but the API answers 403', async () => {
    const url = await httpServer(
      grantingServer((_req, res) => json(res, 403, { message: 'Forbidden' })),
    );
    const check: ConnectionCheck = await checkConnection(demoInput(url));
    expect(check).toEqual({
      ok: false,
      code: 'no_permission',
      problem:
        `O login funcionou, mas o usuário ${DEMO_ACCOUNT.username} não tem permissão para usar a ` +
        'API de integração (HTTP 403). Peça ao administrador do HubSoft para liberar o acesso ' +
        'desse usuário à API.',
    });
  });

  it("a token granted but the API answers HubSoft's error body", async () => {
    const url = await httpServer(
      grantingServer((_req, res) =>
        json(res, 200, { status: 'error', msg: 'Usuário sem permissão', errors: [] }),
      ),
    );
    const check = await checkConnection(demoInput(url));
    expect(check.code).toBe('no_permission');
    expect(check.problem).toContain('("Usuário sem permissão")');
  });

  it("the server's Date header ten minutes behind: clock_skew", async () => {
    const date = new Date(Date.now() - 10 * 60_000).toUTCString();
    const url = await httpServer(
      grantingServer(
        (_req, res) => json(res, 200, { status: 'success', status_atendimento: [] }, { date }),
        { date },
      ),
    );
    const check = await checkConnection(demoInput(url));
    expect(check.code).toBe('clock_skew');
    expect(check.problem).toMatch(/^O relógio deste computador está 10 minutos adiantado/);
  });
});
