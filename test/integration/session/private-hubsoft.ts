/**
 * A HubSoft with unguessable secrets, in front of the simulator: it runs its own OAuth (a random
 * client secret and password, random tokens it can revoke) and forwards API calls to the
 * simulator with the simulator's own token. The demo account's secrets are short public words
 * ("demo") that legitimately appear in files; these cannot, so finding one on disk is a leak.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import type { RunningSimulator } from '../../../main/sim/server';

export interface PrivateHubsoft {
  url: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** Every access and refresh token handed out so far. */
  issuedTokens(): string[];
  /** Revokes every token, as a server update does. */
  revokeAll(): void;
  close(): Promise<void>;
}

const secret = (label: string) => `${label}-${randomBytes(18).toString('base64url')}`;

export async function startPrivateHubsoft(sim: RunningSimulator): Promise<PrivateHubsoft> {
  const account = {
    clientId: 'cliente-privado',
    clientSecret: secret('cs'),
    username: 'agente@provedor.example',
    password: secret('pw'),
  };
  const issued: string[] = [];
  const live = new Set<string>();
  const simToken = await simulatorToken(sim);

  const grant = (body: Record<string, unknown>): { status: number; body: unknown } => {
    if (body.client_id !== account.clientId || body.client_secret !== account.clientSecret) {
      return {
        status: 401,
        body: { error: 'invalid_client', message: 'Client authentication failed' },
      };
    }
    const refresh = body.grant_type === 'refresh_token' && typeof body.refresh_token === 'string';
    const refreshed = refresh && live.delete(`refresh:${String(body.refresh_token)}`);
    const password =
      body.grant_type === 'password' &&
      body.username === account.username &&
      body.password === account.password;
    if (!refreshed && !password) {
      return {
        status: 401,
        body: { error: 'invalid_credentials', message: 'The user credentials were incorrect.' },
      };
    }
    const access = secret('at');
    const refreshToken = secret('rt');
    issued.push(access, refreshToken);
    live.add(`access:${access}`).add(`refresh:${refreshToken}`);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: 2592000,
        access_token: access,
        refresh_token: refreshToken,
      },
    };
  };

  const server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/oauth/token') {
        const answer = grant(JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>);
        reply(res, answer.status, 'application/json', JSON.stringify(answer.body));
        return;
      }
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!live.has(`access:${bearer}`)) {
        reply(res, 401, 'application/json', JSON.stringify({ message: 'Unauthenticated.' }));
        return;
      }
      const forwarded = await fetch(`${sim.url}${url.pathname}${url.search}`, {
        method: req.method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${simToken}`,
          ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
        },
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : raw,
      });
      reply(
        res,
        forwarded.status,
        forwarded.headers.get('content-type') ?? 'application/json',
        Buffer.from(await forwarded.arrayBuffer()),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...account,
    issuedTokens: () => [...issued],
    revokeAll: () => live.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function simulatorToken(sim: RunningSimulator): Promise<string> {
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      client_id: DEMO_ACCOUNT.clientId,
      client_secret: DEMO_ACCOUNT.clientSecret,
      username: DEMO_ACCOUNT.username,
      password: DEMO_ACCOUNT.password,
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, contentType: string, body: string | Buffer) {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}
