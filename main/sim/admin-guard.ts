/**
 * Who may use the simulator's admin routes. In demo mode the simulator runs inside the app on a
 * loopback port any web page in the agent's browser can reach, so an admin request must name the
 * simulator's own address as its Host (a DNS-rebinding page names its own), carry no foreign
 * Origin or cross-site fetch metadata, and send JSON as JSON: a `text/plain` body is what a page
 * can POST without a CORS preflight.
 */
import type { IncomingMessage } from 'node:http';

export interface AdminRefusal {
  status: 403 | 415;
  error: string;
  message: string;
}

function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function isJsonMediaType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Why this admin request is refused, or null when it may go on. */
export function adminRefusal(req: IncomingMessage, port: number): AdminRefusal | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!ownHosts(port).includes(host)) {
    return {
      status: 403,
      error: 'forbidden_host',
      message: 'admin routes answer only their own host',
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    return { status: 403, error: 'forbidden_origin', message: 'admin routes refuse other origins' };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, error: 'forbidden_origin', message: 'admin routes refuse other sites' };
  }
  if ((req.method ?? 'GET') !== 'GET' && !isJsonMediaType(req.headers['content-type'])) {
    return {
      status: 415,
      error: 'unsupported_media_type',
      message: 'admin bodies must be sent as application/json',
    };
  }
  return null;
}
