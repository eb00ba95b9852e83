import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRendererHandler } from '../../../main/app/protocol';

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-protocol-'));
  rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>HubDesk</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'not for the renderer');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const handler = createRendererHandler(rendererDir);
    const response = await handler(new Request('app://hubdesk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'none'");
    expect(await response.text()).toContain('<title>HubDesk</title>');
  });

  it.each([
    'app://hubdesk/../secret.txt',
    'app://hubdesk/%2e%2e/secret.txt',
    'app://hubdesk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://hubdesk/missing.js',
    'app://elsewhere/index.html',
  ])('answers 404 for %s', async (url) => {
    const response = await createRendererHandler(rendererDir)(new Request(url));
    expect(response.status).toBe(404);
  });
});
