/**
 * The browser host: the same services as the Electron app, in plain Node, with the built renderer
 * served on 127.0.0.1 and the contract over a WebSocket guarded by a per-run secret (see
 * host-access.ts: the secret is traded for a cookie on the first load).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDispatcher } from '../api/dispatch';
import type { EventHub } from '../api/events';
import type { Services } from '../../preload/contract';
import { rendererCsp } from '../shell/csp';
import { resolveRendererFile } from '../shell/renderer-files';
import { HostAccess } from './host-access';
import { createRpcServer } from './rpc';

export interface HostOptions {
  port: number;
  rendererDir: string;
  services: Services;
  events: EventHub;
  onInternalError?: (name: string, error: unknown) => void;
}

export interface RunningHost {
  /** The address to open once, secret included: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const access = new HostAccess();
  const rpc = createRpcServer({
    access,
    dispatch: createDispatcher(options.services, { onInternalError: options.onInternalError }),
    events: options.events,
  });

  const server = http.createServer((request, response) => {
    void serveRendererFile(options.rendererDir, access, request, response);
  });
  server.on('upgrade', (request, socket, head) => rpc.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  access.listening(port);

  return {
    url: `${access.origin}/?token=${access.token}`,
    port,
    token: access.token,
    close: () =>
      new Promise<void>((resolve) => {
        rpc.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serveRendererFile(
  rendererDir: string,
  access: HostAccess,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const headers = {
    'content-security-policy': rendererCsp([access.origin.replace(/^http/, 'ws')]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  if (!access.ownHostNamed(request)) {
    response
      .writeHead(421, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end(`Abra o HubDesk pelo endereço ${access.origin}.`);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(request.url ?? '/', access.origin);
  if (url.searchParams.has('token')) {
    tradeSecretForCookie(access, url, response, headers);
    return;
  }
  const file = resolveRendererFile(rendererDir, url.pathname);
  const info = file ? await stat(file.path).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': file.contentType,
    'content-length': info.size,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file.path).pipe(response);
}

/**
 * The first load: the printed secret becomes the session cookie and the page goes to `/` (the
 * browser keeps the #route), so the address never holds the secret while the app runs.
 */
function tradeSecretForCookie(
  access: HostAccess,
  url: URL,
  response: http.ServerResponse,
  headers: Record<string, string>,
): void {
  if (!access.tokenGiven(url)) {
    response
      .writeHead(401, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end('Endereço com token inválido: use o endereço impresso ao iniciar o HubDesk.');
    return;
  }
  url.searchParams.delete('token');
  response
    .writeHead(303, {
      ...headers,
      'set-cookie': access.sessionCookie(),
      location: `${url.pathname}${url.search}`,
    })
    .end();
}
