/**
 * Who may use the browser host. The printed address carries the per-run secret once: the first
 * load trades it for an HttpOnly, SameSite=Strict cookie and is redirected to `/`, so the page's
 * address (and what it shows in history, screenshots and the page's own scripts) holds no secret.
 * Every request must also name the host's own address as Host: a DNS-rebinding page names its own.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (given === null || given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

export class HostAccess {
  /** The secret printed in the address: `?token=` on the first load, or on a script's socket. */
  readonly token = randomBytes(32).toString('base64url');
  /** What the cookie holds: a second secret, so the printed one never sits in the browser. */
  private readonly session = randomBytes(32).toString('base64url');
  private port = 0;

  listening(port: number): void {
    this.port = port;
  }

  get origin(): string {
    return `http://${this.ownHost}`;
  }

  private get ownHost(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Cookies are not kept apart by port: the name carries it, so two hosts do not collide. */
  private get cookieName(): string {
    return `hubdesk-host-${this.port}`;
  }

  /** Whether the request is addressed to this host by its own name. */
  ownHostNamed(request: IncomingMessage): boolean {
    return (request.headers.host ?? '').toLowerCase() === this.ownHost;
  }

  /** Whether the address carries the printed secret. */
  tokenGiven(url: URL): boolean {
    return sameSecret(url.searchParams.get('token'), this.token);
  }

  /** The printed secret or the cookie it was traded for. */
  authorized(request: IncomingMessage, url: URL): boolean {
    return this.tokenGiven(url) || sameSecret(cookieValue(request, this.cookieName), this.session);
  }

  sessionCookie(): string {
    return `${this.cookieName}=${this.session}; Path=/; HttpOnly; SameSite=Strict`;
  }
}
