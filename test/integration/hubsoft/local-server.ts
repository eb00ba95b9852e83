/**
 * A small HubSoft stand-in per test, on 127.0.0.1 with port 0: it signs in like HubSoft's OAuth
 * server and lets each test decide how the API misbehaves.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredTokens, TokenStore } from '../../../main/hubsoft/session-types';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  raw: Buffer;
}

export interface ApiContext {
  request: SeenRequest;
  req: IncomingMessage;
  res: ServerResponse;
  /** 1 for the first API request this server received, 2 for the next... */
  count: number;
}

export type ApiHandler = (context: ApiContext) => void;

export interface LocalServer {
  url: string;
  api: SeenRequest[];
  grants: Record<string, string>[];
  close(): Promise<void>;
}

export const CLIENT_SECRET = 'segredo-do-cliente-123';
export const PASSWORD = 'senha-do-agente-456';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Tokens are "access-N"/"refresh-N" so tests can tell which grant produced them. */
export async function startLocalServer(
  handler: ApiHandler,
  options: {
    expiresIn?: number;
    refuseRefresh?: boolean;
    /** Answer every grant with this instead (a broken OAuth server). */
    oauthAnswer?: (grant: Record<string, string>) => { status: number; body: unknown };
  } = {},
): Promise<LocalServer> {
  const api: SeenRequest[] = [];
  const grants: Record<string, string>[] = [];
  let issued = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        raw: Buffer.concat(chunks),
      };
      if (url.pathname === '/oauth/token') {
        const grant = JSON.parse(request.body) as Record<string, string>;
        grants.push(grant);
        if (options.oauthAnswer) {
          const { status, body } = options.oauthAnswer(grant);
          sendJson(res, status, body);
          return;
        }
        const goodClient = grant.client_secret === CLIENT_SECRET;
        const goodPassword = grant.grant_type === 'password' && grant.password === PASSWORD;
        const goodRefresh =
          grant.grant_type === 'refresh_token' &&
          !options.refuseRefresh &&
          /^refresh-\d+$/.test(grant.refresh_token ?? '');
        if (!goodClient || (!goodPassword && !goodRefresh)) {
          sendJson(res, 401, {
            error: 'invalid_credentials',
            error_description: 'The user credentials were incorrect.',
            message: 'The user credentials were incorrect.',
          });
          return;
        }
        issued += 1;
        sendJson(res, 200, {
          token_type: 'Bearer',
          expires_in: options.expiresIn ?? 2592000,
          access_token: `access-${issued}`,
          refresh_token: `refresh-${issued}`,
        });
        return;
      }
      api.push(request);
      handler({ request, req, res, count: api.length });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    api,
    grants,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export class MemoryTokenStore implements TokenStore {
  saved: StoredTokens | null;
  cleared = 0;

  constructor(initial: StoredTokens | null = null) {
    this.saved = initial;
  }

  load(): Promise<StoredTokens | null> {
    return Promise.resolve(this.saved);
  }

  save(tokens: StoredTokens): Promise<void> {
    this.saved = tokens;
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.saved = null;
    this.cleared += 1;
    return Promise.resolve();
  }
}
