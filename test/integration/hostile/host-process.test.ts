import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHostProcess, type HostProcess } from '../../support/host-process';

let dataDir: string;
let host: HostProcess;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-hostile-host-'));
  host = await startHostProcess(['--port', '0', '--data-dir', dataDir]);
}, 30_000);

afterAll(async () => {
  await host.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

function open(): Promise<WebSocket> {
  const url = new URL(host.url);
  const socket = new WebSocket(`ws://${url.host}/rpc${url.search}`, {
    headers: { origin: url.origin },
  });
  // This side may see the connection torn down mid-frame; only the host's survival matters.
  socket.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function answer(socket: WebSocket, id: number): Promise<unknown> {
  return new Promise((resolve) => {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id === id) resolve(message.result);
    });
  });
}

async function appInfo(): Promise<unknown> {
  const socket = await open();
  const result = answer(socket, 1);
  socket.send(JSON.stringify({ id: 1, method: 'app.info', args: [] }));
  const value = await result;
  socket.close();
  return value;
}

function closeCode(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('the browser host process under hostile messages', () => {
  it('survives a message over the size limit, closing only that connection', async () => {
    const socket = await open();
    const closed = closeCode(socket);
    socket.send(`{"id":1,"method":"app.info","args":["${'x'.repeat(17 * 1024 * 1024)}"]}`);
    expect(await closed).toBe(1009);
    expect(await appInfo()).toMatchObject({ ok: true });
    expect(host.child.exitCode).toBeNull();
  });

  it('survives a frame that is not valid UTF-8 text', async () => {
    const socket = await open();
    const closed = closeCode(socket);
    // A text frame carrying bytes that are not UTF-8: ws refuses it with 1007.
    socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
    expect(await appInfo()).toMatchObject({ ok: true });
  });

  it('answers a call nested 100,000 levels deep with invalid_input and keeps running', async () => {
    const socket = await open();
    const depth = 100_000;
    for (const [id, value] of [
      [1, `${'['.repeat(depth)}${']'.repeat(depth)}`],
      [2, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
    ] as const) {
      const result = answer(socket, id);
      socket.send(`{"id":${id},"method":"drafts.save","args":["new-ticket",${value}]}`);
      expect(await result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    socket.close();
    expect(await appInfo()).toMatchObject({ ok: true });
    expect(host.child.exitCode).toBeNull();
  });
});
