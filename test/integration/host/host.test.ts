import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCore, type Core } from '../../../main/api/core';
import { startHost, type RunningHost } from '../../../main/host/server';
import { startHostProcess } from '../../support/host-process';

let root: string;
let host: RunningHost;
let core: Core;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-host-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>HubDesk</title>');
  writeFileSync(path.join(root, 'outside.txt'), 'outside');
  core = await startCore({
    environment: {
      name: 'HubDesk',
      version: '1.0.0',
      platform: 'linux',
      shell: 'browser-host',
      dataDir: path.join(root, 'data'),
      defaultServerUrl: null,
    },
  });
  host = await startHost({ port: 0, rendererDir, events: core.events, services: core.services });
});

afterAll(async () => {
  await host.close();
  await core.dispose();
  rmSync(root, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${host.port}`;

function connect(query: string, headers: Record<string, string> = { origin: origin() }) {
  return new WebSocket(`ws://127.0.0.1:${host.port}/rpc${query}`, { headers });
}

function rejection(socket: WebSocket): Promise<number> {
  return new Promise((resolve) =>
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  );
}

function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) =>
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
  );
}

describe('the browser host', () => {
  it('serves the renderer on 127.0.0.1 with a CSP that allows only its own WebSocket', async () => {
    const response = await fetch(`${origin()}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>HubDesk</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src ws://127.0.0.1:${host.port}`);
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves nothing outside the renderer folder and accepts only GET and HEAD', async () => {
    expect((await fetch(`${origin()}/%2e%2e/outside.txt`)).status).toBe(404);
    expect((await fetch(`${origin()}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a WebSocket without the secret or with a wrong one', async () => {
    expect(await rejection(connect(''))).toBe(401);
    expect(await rejection(connect('?token=wrong'))).toBe(401);
    expect(await rejection(connect(`?token=${host.token}x`))).toBe(401);
  });

  it('refuses a WebSocket from another origin even with the secret', async () => {
    expect(
      await rejection(connect(`?token=${host.token}`, { origin: 'http://evil.example' })),
    ).toBe(403);
    expect(await rejection(connect(`?token=${host.token}`, {}))).toBe(403);
  });

  describe('with the secret', () => {
    let socket: WebSocket;
    beforeAll(async () => {
      socket = connect(`?token=${host.token}`);
      await opened(socket);
    });
    afterAll(() => socket.close());
    afterEach(() => socket.removeAllListeners('message'));

    it('answers a call with the same envelope as Electron IPC', async () => {
      const answer = nextMessage(socket);
      socket.send(JSON.stringify({ id: 1, method: 'app.info', args: [] }));
      expect(await answer).toEqual({
        id: 1,
        result: {
          ok: true,
          value: expect.objectContaining({
            shell: 'browser-host',
            dataDir: path.join(root, 'data'),
          }),
        },
      });
    });

    it('validates input and names unknown methods', async () => {
      const invalid = nextMessage(socket);
      socket.send(
        JSON.stringify({ id: 2, method: 'app.info', args: [{ __proto__: { polluted: true } }] }),
      );
      expect(await invalid).toMatchObject({
        id: 2,
        result: { ok: false, error: { code: 'invalid_input' } },
      });

      const unknown = nextMessage(socket);
      socket.send(JSON.stringify({ id: 3, method: 'constructor', args: [] }));
      expect(await unknown).toMatchObject({
        id: 3,
        result: { ok: false, error: { code: 'unknown_method' } },
      });
    });

    it('ignores garbage and keeps serving', async () => {
      socket.send('not json');
      socket.send(JSON.stringify({ method: 'app.info' }));
      const answer = nextMessage(socket);
      socket.send(JSON.stringify({ id: 4, method: 'app.info', args: [] }));
      expect(await answer).toMatchObject({ id: 4, result: { ok: true } });
    });

    it('pushes events to the page', async () => {
      const pushed = nextMessage(socket);
      core.events.emit('connectivity', { online: false });
      expect(await pushed).toEqual({ event: 'connectivity', payload: { online: false } });
    });
  });
});

/** A GET with exactly this Host header (fetch would set its own). */
function getWithHost(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port: hostPort(), path: '/', headers: { host } },
      (incoming) => {
        incoming.resume();
        resolve(incoming.statusCode ?? 0);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
const hostPort = () => host.port;

describe('the per-run secret and the host name', () => {
  it('opening the printed address trades the secret for an HttpOnly, SameSite=Strict cookie', async () => {
    const first = await fetch(host.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^hubdesk-host-${host.port}=[\\w-]{40,};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain(host.token);
  });

  it('a wrong secret in the address gets no cookie', async () => {
    const wrong = await fetch(`${origin()}/?token=${host.token}x`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('the cookie alone opens the WebSocket, and a made-up cookie does not', async () => {
    const first = await fetch(host.url, { redirect: 'manual' });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const socket = connect('', { origin: origin(), cookie });
    await opened(socket);
    const answer = nextMessage(socket);
    socket.send(JSON.stringify({ id: 1, method: 'app.info', args: [] }));
    expect(await answer).toMatchObject({ id: 1, result: { ok: true } });
    socket.close();
    const forged = `hubdesk-host-${host.port}=${'A'.repeat(43)}`;
    expect(await rejection(connect('', { origin: origin(), cookie: forged }))).toBe(401);
  });

  it('refuses pages and sockets addressed by another host name (DNS rebinding)', async () => {
    expect(await getWithHost(`127.0.0.1:${host.port}`)).toBe(200);
    expect(await getWithHost(`hubdesk.attacker.example:${host.port}`)).toBe(421);
    expect(await getWithHost(`localhost.attacker.example`)).toBe(421);
    const rebound = connect(`?token=${host.token}`, {
      origin: `http://hubdesk.attacker.example:${host.port}`,
      host: `hubdesk.attacker.example:${host.port}`,
    });
    expect(await rejection(rebound)).toBe(403);
  });
});

describe('npm run host', () => {
  it('prints its address with a secret, keeps its data in --data-dir and stops on SIGTERM', async () => {
    const dataDir = path.join(root, 'cli-data');
    const running = await startHostProcess(['--port', '0', '--data-dir', dataDir]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
    const response = await fetch(running.url);
    expect(response.status).toBe(200);
    expect(await running.stop('SIGTERM')).toBe(0);
    expect(running.output()).toContain('stopped (SIGTERM)');
  });

  it('refuses an unknown flag with a usage line', async () => {
    await expect(startHostProcess(['--prot', '80'])).rejects.toThrow(
      /exited with 2[\s\S]*usage: npm run host/,
    );
  });
});
