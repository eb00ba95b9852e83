import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../../main/shell/renderer-files';

const root = path.resolve('/srv/renderer');

describe('resolving a renderer file', () => {
  it('maps / to index.html and keeps assets inside the folder', () => {
    expect(resolveRendererFile(root, '/')).toEqual({
      path: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveRendererFile(root, '/assets/app-1.js')?.path).toBe(
      path.join(root, 'assets/app-1.js'),
    );
  });

  it.each([
    '/../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fetc',
    '/a%00.js',
    '/%E0%A4%A',
  ])('refuses %s', (urlPath) => {
    expect(resolveRendererFile(root, urlPath)).toBeNull();
  });
});
