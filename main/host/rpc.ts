/**
 * The contract over a WebSocket: the browser host's equivalent of Electron's IPC. A connection
 * must name the host's own address, present the per-run secret (the page's cookie, or `?token=`
 * for a script) and come from the host's own page; after that every message is
 * a call `{id, method, args}` answered with `{id, result}`, and events arrive as `{event, payload}`.
 */
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../api/dispatch';
import type { EventHub } from '../api/events';
import type { HostAccess } from './host-access';

const maxMessageBytes = 16 * 1024 * 1024;

export interface RpcServerOptions {
  /** The secret or its cookie, the host's own name, and the page origin allowed to connect. */
  access: HostAccess;
  dispatch: Dispatch;
  events: EventHub;
}

export function createRpcServer(options: RpcServerOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const clients = new Set<WebSocket>();

  const unsubscribe = options.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const socket of clients) socket.send(message);
  });

  wss.on('connection', (socket: WebSocket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    // An oversized or malformed frame: ws closes that connection itself (1009, 1007...). With
    // no listener the 'error' event would be thrown and end the whole host.
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let call: unknown;
      try {
        call = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof call !== 'object' || call === null) return;
      const { id, method, args } = call as { id?: unknown; method?: unknown; args?: unknown };
      if (typeof id !== 'number') return;
      void options.dispatch(method, args).then((result) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, result }));
      });
    });
  });

  return {
    /** Completes the upgrade only for the right host, secret and origin; 401/403 otherwise. */
    handleUpgrade(request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const reject = (status: string) => {
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      const { access } = options;
      if (!access.ownHostNamed(request)) return reject('403 Forbidden');
      if (url.pathname !== '/rpc') return reject('404 Not Found');
      if (!access.authorized(request, url)) return reject('401 Unauthorized');
      if (request.headers.origin !== access.origin) return reject('403 Forbidden');
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    close(): void {
      unsubscribe();
      for (const socket of clients) socket.terminate();
      wss.close();
    },
  };
}
