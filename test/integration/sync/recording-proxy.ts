/**
 * A real HTTP proxy in front of the simulator that records every API request it passes (when, what
 * path, which query) and can answer some of them with a failure instead, so a test can count what
 * a sync spent and break one page or one ticket without touching the others.
 */
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  /** performance.now() when it arrived. */
  at: number;
  method: string;
  path: string;
  query: URLSearchParams;
  /** performance.now() when its answer was sent in full; null until then. */
  finishedAt: number | null;
}

export interface RecordingProxy {
  url: string;
  seen: SeenRequest[];
  /** Requests matching this answer 503 with a gateway page; null passes everything. */
  failWhen: ((request: SeenRequest) => boolean) | null;
  /** While true every connection is cut before an answer, as when the server is unreachable. */
  unreachable: boolean;
  close(): Promise<void>;
}

const gatewayPage = '<html><head><title>503 Service Temporarily Unavailable</title></head></html>';

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const proxy: RecordingProxy = {
    url: '',
    seen: [],
    failWhen: null,
    unreachable: false,
    close: () => Promise.resolve(),
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const seen: SeenRequest = {
      at: performance.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      finishedAt: null,
    };
    res.on('finish', () => (seen.finishedAt = performance.now()));
    if (proxy.unreachable) {
      req.socket.destroy();
      return;
    }
    if (url.pathname.startsWith('/api/')) proxy.seen.push(seen);
    if (proxy.failWhen?.(seen)) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end(gatewayPage);
      return;
    }
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => res.destroy());
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}

/** Detail calls (`cliente/atendimento` by protocol) among what the proxy saw, in order. */
export function detailCalls(
  proxy: RecordingProxy,
): { at: number; finishedAt: number | null; protocol: string }[] {
  return proxy.seen
    .filter((request) => request.path.endsWith('/cliente/atendimento'))
    .map((request) => ({
      at: request.at,
      finishedAt: request.finishedAt,
      protocol: request.query.get('termo_busca') ?? '',
    }));
}
