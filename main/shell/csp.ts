/**
 * The renderer's Content-Security-Policy, set as a response header by both shells. Scripts only
 * from the app itself; inline styles are allowed because Svelte's transitions inject them.
 * `connect` is the WebSocket of the browser host; the Electron renderer connects nowhere.
 */
export function rendererCsp(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.length > 0 ? connect.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
