/**
 * OAuth tokens as Laravel Passport hands them out: the access token a JWT whose `sub` is the API
 * user's id, the refresh token opaque and spent when used, with expiry and revocation without
 * notice (all tokens at once, as a server update does).
 */
import { randomBytes } from 'node:crypto';
import { API_USER } from './catalog';

interface TokenEntry {
  kind: 'access' | 'refresh';
  expiresAt: number;
  revoked: boolean;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'Bearer';
}

/** 30 days, what most HubSoft servers answer in `expires_in`. */
export const DEFAULT_TOKEN_TTL_SECONDS = 2_592_000;
const REFRESH_TTL_SECONDS = 10 * DEFAULT_TOKEN_TTL_SECONDS;

export class TokenStore {
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(private readonly ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS) {}

  issue(now: number): IssuedTokens {
    const access = passportJwt(now, this.ttlSeconds);
    const refresh = randomBytes(30).toString('base64url');
    this.tokens.set(access, {
      kind: 'access',
      expiresAt: now + this.ttlSeconds * 1000,
      revoked: false,
    });
    this.tokens.set(refresh, {
      kind: 'refresh',
      expiresAt: now + REFRESH_TTL_SECONDS * 1000,
      revoked: false,
    });
    return {
      access_token: access,
      refresh_token: refresh,
      expires_in: this.ttlSeconds,
      token_type: 'Bearer',
    };
  }

  isValidAccess(token: string, now: number): boolean {
    const entry = this.tokens.get(token);
    return (
      entry !== undefined && entry.kind === 'access' && !entry.revoked && entry.expiresAt > now
    );
  }

  /** Spends a refresh token: true when it was valid (it cannot be used again). */
  spendRefresh(token: string, now: number): boolean {
    const entry = this.tokens.get(token);
    if (!entry || entry.kind !== 'refresh' || entry.revoked || entry.expiresAt <= now) return false;
    entry.revoked = true;
    return true;
  }

  revokeAll(): void {
    for (const entry of this.tokens.values()) entry.revoked = true;
  }
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Shaped like Passport's RS256 token; the signature is random since nobody verifies it here. */
function passportJwt(now: number, ttlSeconds: number): string {
  const issuedAt = Math.floor(now / 1000);
  const claims = {
    aud: '1',
    jti: randomBytes(16).toString('hex'),
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + ttlSeconds,
    sub: String(API_USER.id),
    scopes: [],
  };
  return `${base64url({ typ: 'JWT', alg: 'RS256' })}.${base64url(claims)}.${randomBytes(32).toString('base64url')}`;
}
