/** Serves the built renderer from `app://hubdesk/`, with the CSP as a response header. */
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { rendererCsp } from '../shell/csp';
import { resolveRendererFile } from '../shell/renderer-files';
import { rendererHost, rendererScheme } from './security';

/** Must run before the app is ready: the scheme behaves like https (secure, standard, fetch). */
export function registerRendererScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: rendererScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const notFound = (): Response => new Response('Not found', { status: 404 });

export function createRendererHandler(rendererDir: string) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== rendererHost) return notFound();
    const file = resolveRendererFile(rendererDir, url.pathname);
    if (!file) return notFound();
    try {
      const body = await readFile(file.path);
      return new Response(body, {
        headers: {
          'content-type': file.contentType,
          'content-security-policy': rendererCsp(),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  };
}

export function handleRendererProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(rendererScheme, createRendererHandler(rendererDir));
}
