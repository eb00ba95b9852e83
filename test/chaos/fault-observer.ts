/**
 * A pass-through HTTP proxy between the app and the simulator that counts the faults the app
 * actually met, by what reached it: the simulator's fault dice are private, and a rate set for a
 * phase says nothing about how many requests it hit. Bodies pass unchanged.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const observedFaults = [
  'reset',
  /** A 502/503 page, from the proxy fault or the gateway failing before the backend. */
  'htmlError',
  /** The gateway's 504 page: the write was applied behind it. */
  'gatewayTimeout',
  'serverError',
  'malformed',
  /** The app stopped waiting: a timeout after commit, or the app killed mid-request. */
  'unanswered',
  'rateLimited',
  'unauthorized',
] as const;
export type ObservedFault = (typeof observedFaults)[number];

export interface FaultObserver {
  url: string;
  counts(): Record<ObservedFault, number>;
  requests(): number;
  close(): Promise<void>;
}

function classify(response: IncomingMessage, body: Buffer): ObservedFault | null {
  const status = response.statusCode ?? 0;
  const type = String(response.headers['content-type'] ?? '');
  if (status === 429) return 'rateLimited';
  if (status === 401) return 'unauthorized';
  if (status === 504 && /html/i.test(type)) return 'gatewayTimeout';
  if (status >= 500 && /html/i.test(type)) return 'htmlError';
  if (status >= 500) return 'serverError';
  if (status === 200 && /json/i.test(type)) {
    try {
      JSON.parse(body.toString('utf8'));
    } catch {
      return 'malformed';
    }
  }
  return null;
}

export async function startFaultObserver(target: string): Promise<FaultObserver> {
  const upstream = new URL(target);
  const counts = Object.fromEntries(observedFaults.map((fault) => [fault, 0])) as Record<
    ObservedFault,
    number
  >;
  let requests = 0;
  const agent = new http.Agent({ keepAlive: true });

  const relay = (req: IncomingMessage, res: ServerResponse): void => {
    requests += 1;
    let answered = false;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => req.socket.destroy());
        response.on('end', () => {
          answered = true;
          const body = Buffer.concat(chunks);
          const fault = classify(response, body);
          if (fault) counts[fault] += 1;
          res.writeHead(response.statusCode ?? 502, response.headers);
          res.end(body);
        });
      },
    );
    forward.on('error', () => {
      if (answered) return;
      answered = true;
      counts.reset += 1;
      req.socket.destroy();
    });
    res.on('close', () => {
      if (answered) return;
      answered = true;
      counts.unanswered += 1;
      forward.destroy();
    });
    req.pipe(forward);
  };

  const server = http.createServer(relay);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
