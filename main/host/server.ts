/**
 * The browser host: the same services as the Electron app, in plain Node, with the built renderer
 * served on 127.0.0.1 and the contract over a WebSocket guarded by a per-run secret.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDispatcher } from '../api/dispatch';
import type { EventHub } from '../api/events';
import type { Services } from '../../preload/contract';
import { rendererCsp } from '../shell/csp';
import { resolveRendererFile } from '../shell/renderer-files';
import { createRpcServer } from './rpc';

export interface HostOptions {
  port: number;
  rendererDir: string;
  services: Services;
  events: EventHub;
  onInternalError?: (name: string, error: unknown) => void;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = randomBytes(32).toString('base64url');
  let origin = '';
  const rpc = createRpcServer({
    token,
    origin: () => origin,
    dispatch: createDispatcher(options.services, { onInternalError: options.onInternalError }),
    events: options.events,
  });

  const server = http.createServer((request, response) => {
    void serveRendererFile(options.rendererDir, origin, request, response);
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
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
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
  origin: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const headers = {
    'content-security-policy': rendererCsp([origin.replace(/^http/, 'ws')]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(request.url ?? '/', origin);
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
