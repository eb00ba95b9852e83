/**
 * The HubSoft simulator: a real HTTP server on 127.0.0.1 that answers like a HubSoft server,
 * including its quirks, its rate limits and the faults a test asks for.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminRefusal } from './admin-guard';
import { SimDeviations, type DeviationsBody } from './deviations';
import { gatewayErrorPage, type FaultsBody, type FaultSettings } from './faults';
import { BodyError, json, type Reply } from './http-io';
import type { TicketRecord } from './records';
import { Router } from './router';
import { handleAdmin, selectTickets, type StateFilter } from './routes/admin';
import { addAttachmentRoutes } from './routes/attachments';
import { addConfigurationRoutes } from './routes/configuration';
import { addCustomerRoutes } from './routes/customers';
import { issueToken } from './routes/oauth';
import { addServiceOrderRoutes } from './routes/service-orders';
import { addTicketListRoutes } from './routes/ticket-lists';
import { addTicketCreateRoute } from './routes/ticket-create';
import { addTicketUpdateRoutes } from './routes/ticket-updates';
import { SimState } from './state';

export interface SimulatorOptions {
  port?: number;
  seed?: number;
  tickets?: number;
  latencyMs?: number;
  /** `expires_in` of issued access tokens; 2592000 (30 days) by default. */
  tokenTtlSeconds?: number;
  /** The moment the generated history ends (UTC ms); the start time by default. */
  now?: number;
  /**
   * How far the server's clock is ahead of the agent's computer (negative: behind), so a test can
   * tell the server's times from the computer's.
   */
  clockSkewMs?: number;
  /**
   * Whether `/__sim/*` is served over HTTP (default true). Demo mode turns it off: there the
   * simulator is reachable by any local web page, and the app never needs the admin API.
   */
  admin?: boolean;
}

export interface RunningSimulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Same as `POST /__sim/reset`. */
  reset(options: { seed?: number; tickets?: number }): void;
  /** Same as `POST /__sim/faults` (the body is not validated here: TypeScript does it). */
  setFaults(faults: FaultsBody): FaultSettings;
  /** Same as `POST /__sim/deviations`: which real-server deviations to play (see deviations.ts). */
  setDeviations(deviations: DeviationsBody): DeviationsBody;
  /** Same as `GET /__sim/state`, as records; without a filter this is every ticket. */
  state(filter?: StateFilter): TicketRecord[];
  /**
   * Another HubSoft user closes the ticket, in-process: it works while every HTTP request of the
   * app is being refused (tests use it while the app is offline). False when it is not open.
   */
  closeByOther(protocol: string): boolean;
  /** Another HubSoft user writes on the ticket, in-process. False when there is no such ticket. */
  messageByOther(protocol: string, text: string): boolean;
}

/** An injected failure looks like a real one: Laravel's body with its debug fields (fact 14). */
function injectedErrorBody(): unknown {
  return {
    status: 'error',
    msg: 'Erro interno do servidor.',
    errors: ['SQLSTATE[08006] [7] could not connect to server: Connection refused'],
    code: 7,
    description: 'SQLSTATE[08006] [7] could not connect to server: Connection refused',
    line: 664,
    file: '/usr/local/www/hubsoft_api/vendor/laravel/framework/src/Illuminate/Database/Connection.php',
    hint: null,
    error_type: 'Illuminate\\Database\\QueryException',
    trace: [
      {
        file: '/usr/local/www/hubsoft_api/app/Repositories/AtendimentoRepository.php',
        line: 212,
        function: 'select',
        class: 'Illuminate\\Database\\Connection',
      },
    ],
  };
}

/** A defect of the simulator itself, said plainly so a test failure points at it. */
function simulatorDefectBody(error: unknown): unknown {
  const detail = error instanceof Error ? error.message : String(error);
  return { status: 'error', msg: 'Erro interno do simulador.', errors: [detail] };
}

function send(res: ServerResponse, reply: Reply, malformed = false): void {
  if (res.destroyed) return;
  const text = JSON.stringify(reply.body);
  const body = malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  res.writeHead(malformed ? 200 : reply.status, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    ...reply.headers,
  });
  res.end(body);
}

function sendGatewayPage(res: ServerResponse, status: 502 | 504): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/html' });
  res.end(gatewayErrorPage(status));
}

/** An API call that changes something: listing by POST (`paginado`) changes nothing. */
function isWrite(method: string, path: string): boolean {
  return (
    (method === 'POST' || method === 'PUT') &&
    path.startsWith('/api/') &&
    !path.includes('/atendimento/paginado/')
  );
}

function buildRouter(state: SimState): Router {
  const router = new Router();
  router.add('POST', '/oauth/token', (request) => issueToken(state, request));
  addTicketListRoutes(router, state);
  addTicketCreateRoute(router, state);
  addTicketUpdateRoutes(router, state);
  addAttachmentRoutes(router, state);
  addServiceOrderRoutes(router, state);
  addCustomerRoutes(router, state);
  addConfigurationRoutes(router);
  return router;
}

async function answer(
  state: SimState,
  deviations: SimDeviations,
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const delay = state.dice.delayMs();
  if (delay > 0) await sleep(delay);
  if (res.destroyed) return;

  const isOauth = url.pathname === '/oauth/token';
  const bucket = isOauth ? state.oauthBucket : state.apiBucket;
  const wait = bucket ? bucket.take(Date.now()) : 0;
  if (wait > 0) {
    send(
      res,
      json({ message: 'Too Many Attempts.', retry_after: wait }, 429, {
        'retry-after': String(wait),
      }),
    );
    req.resume();
    return;
  }

  const outcome = state.dice.outcome();
  if (outcome === 'reset') {
    req.socket.destroy();
    return;
  }
  if (outcome === 'html') {
    const status = state.dice.proxyStatus();
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(gatewayErrorPage(status));
    req.resume();
    return;
  }
  if (outcome === 'error' || outcome === 'debugError') {
    send(res, json(injectedErrorBody(), outcome === 'error' ? 500 : 200));
    req.resume();
    return;
  }

  const method = req.method ?? 'GET';
  const gateway = isWrite(method, url.pathname) ? state.dice.gateway() : 'none';
  if (gateway === 'badGateway') {
    sendGatewayPage(res, 502);
    req.resume();
    return;
  }
  const match = router.match(method, url.pathname);
  if (match.kind === 'not-found') {
    send(res, json({ message: `The route ${url.pathname.slice(1)} could not be found.` }, 404));
    req.resume();
    return;
  }
  if (match.kind === 'wrong-method') {
    send(
      res,
      json(
        {
          message: `The ${method} method is not supported for route ${url.pathname.slice(1)}. Supported methods: ${match.allowed.join(', ')}.`,
        },
        405,
      ),
    );
    req.resume();
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token || !state.tokens.isValidAccess(token, Date.now())) {
      send(res, json({ message: 'Unauthenticated.' }, 401));
      req.resume();
      return;
    }
  }

  let reply: Reply;
  try {
    reply = await match.handler({
      method,
      path: url.pathname,
      params: match.params,
      query: deviations.query(url.pathname, url.searchParams),
      raw: req,
      now: state.serverNow(),
    });
  } catch (error) {
    reply =
      error instanceof BodyError
        ? json({ status: 'error', msg: error.message, errors: [error.message] }, 400)
        : json(simulatorDefectBody(error), 500);
  }
  // The change is applied; the answer never comes. close() ends the held connection.
  if (outcome === 'timeoutAfterCommit') return;
  if (gateway === 'timeoutAfterCommit') return sendGatewayPage(res, 504);
  send(res, deviations.reply(url.pathname, reply), outcome === 'malformed');
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = new SimState({
    seed: options.seed ?? 1,
    tickets: options.tickets ?? 500,
    latencyMs: options.latencyMs ?? 0,
    ...(options.tokenTtlSeconds !== undefined ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.clockSkewMs !== undefined ? { clockSkewMs: options.clockSkewMs } : {}),
  });
  const router = buildRouter(state);
  const deviations = new SimDeviations();
  const adminMounted = options.admin ?? true;
  let port = 0;
  const guardedAdmin = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const refusal = adminRefusal(req, port);
    if (!refusal) {
      return deviations.isAdminRequest(url.pathname)
        ? deviations.handleAdmin(req, res)
        : handleAdmin(state, req, res, url);
    }
    req.resume();
    send(res, json({ error: refusal.error, message: refusal.message }, refusal.status));
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const work =
      adminMounted && url.pathname.startsWith('/__sim/')
        ? guardedAdmin(req, res, url)
        : answer(state, deviations, router, req, res, url);
    work.catch((error: unknown) => {
      if (!res.headersSent) send(res, json(simulatorDefectBody(error), 500));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    reset: ({ seed, tickets }) =>
      state.reset(seed ?? state.dataset.seed, tickets ?? state.dataset.ticketCount),
    setFaults: (faults) => state.setFaults(faults),
    setDeviations: (body) => deviations.set(body),
    state: (filter = {}) => [...selectTickets(state, filter)],
    closeByOther: (protocol) => state.closeByOther(protocol),
    messageByOther: (protocol, text) => state.addMessageByOther(protocol, text) !== null,
  };
}
