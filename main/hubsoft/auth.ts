/**
 * OAuth for HubSoft: password and refresh_token grants on `POST /oauth/token`, one acquisition in
 * flight at a time, renewal before expiry, and the single re-authentication a 401 earns. Tokens are
 * revoked without notice (server updates), so a 401 is expected, not exceptional.
 */
import { z } from 'zod';
import { defaultMessages, HubsoftError } from './errors';
import type { JsonObject } from './response';
import type { Credentials, StoredTokens, TokenStore } from './session-types';

/** Performs `POST /oauth/token` with the given body (through the rate limiter, without a bearer). */
export type TokenGrant = (
  body: Record<string, string>,
  signal?: AbortSignal,
) => Promise<JsonObject>;

const RENEW_AT_MOST_BEFORE_MS = 5 * 60_000;

/**
 * Fact 7: HubSoft recommends a new token every 24 hours, whatever `expires_in` says (often 30
 * days); tokens are also invalidated without notice during server updates.
 */
const RENEW_AFTER_MS = 24 * 60 * 60_000;

const tokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  expires_in: z.coerce.number().positive().nullish(),
});

function signInRequired(reason: string): HubsoftError {
  return new HubsoftError('auth', reason, { status: 401 });
}

export class TokenManager {
  /** undefined until loaded from the store. */
  private tokens: StoredTokens | null | undefined;
  private inflight: Promise<StoredTokens> | null = null;

  constructor(
    private readonly credentials: Credentials,
    private readonly store: TokenStore,
    private readonly grant: TokenGrant,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every secret this session knows, so error text can be scrubbed of them. */
  secrets(): string[] {
    const known = [
      this.credentials.clientSecret,
      this.credentials.password,
      this.tokens?.accessToken,
      this.tokens?.refreshToken,
    ];
    return known.filter((value): value is string => typeof value === 'string' && value.length >= 4);
  }

  /**
   * A valid access token, renewed first when it is close to expiry or a day old. A day-old token
   * that is still valid stays in use when its renewal cannot reach the server.
   */
  async accessToken(signal?: AbortSignal): Promise<string> {
    const tokens = await this.current();
    if (tokens && !this.isExpiring(tokens)) {
      if (!this.isDayOld(tokens)) return tokens.accessToken;
      try {
        return (await this.once(() => this.renew(tokens, signal))).accessToken;
      } catch (error) {
        if (isTransient(error)) return tokens.accessToken;
        throw error;
      }
    }
    return (await this.once(() => this.renew(tokens, signal))).accessToken;
  }

  /**
   * After the server refused `rejected` with a 401: renew once. Calls that failed with the same
   * token share one renewal; a call that failed with an older token just takes the new one.
   */
  async renewAfterRejection(rejected: string, signal?: AbortSignal): Promise<void> {
    if (this.inflight) {
      await this.inflight;
      return;
    }
    const tokens = await this.current();
    if (tokens && tokens.accessToken !== rejected && !this.isExpiring(tokens)) return;
    await this.once(() => this.renew(tokens, signal));
  }

  /** Explicit sign-in with a password the agent just typed (not kept unless the app keeps it). */
  async signIn(password: string, signal?: AbortSignal): Promise<void> {
    await this.once(() => this.passwordGrant(password, signal));
  }

  async signOut(): Promise<void> {
    this.tokens = null;
    await this.store.clear();
  }

  private async current(): Promise<StoredTokens | null> {
    if (this.tokens === undefined) this.tokens = await this.store.load();
    return this.tokens;
  }

  private isDayOld(tokens: StoredTokens): boolean {
    return this.now() - tokens.obtainedAt >= RENEW_AFTER_MS;
  }

  private isExpiring(tokens: StoredTokens): boolean {
    if (tokens.expiresAt === null) return false;
    const lifetime = tokens.expiresAt - tokens.obtainedAt;
    const margin = Math.min(RENEW_AT_MOST_BEFORE_MS, lifetime / 10);
    return this.now() >= tokens.expiresAt - margin;
  }

  private once(acquire: () => Promise<StoredTokens>): Promise<StoredTokens> {
    if (!this.inflight) {
      this.inflight = acquire().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** Refresh grant, else the remembered password, else the agent must sign in. */
  private async renew(tokens: StoredTokens | null, signal?: AbortSignal): Promise<StoredTokens> {
    if (tokens?.refreshToken) {
      try {
        return await this.request(
          {
            grant_type: 'refresh_token',
            refresh_token: tokens.refreshToken,
            client_id: this.credentials.clientId,
            client_secret: this.credentials.clientSecret,
          },
          signal,
        );
      } catch (error) {
        if (!isRefusal(error)) throw error;
      }
    }
    if (this.credentials.password !== null)
      return this.passwordGrant(this.credentials.password, signal);
    this.tokens = null;
    await this.store.clear();
    throw signInRequired(defaultMessages.auth);
  }

  private async passwordGrant(password: string, signal?: AbortSignal): Promise<StoredTokens> {
    try {
      return await this.request(
        {
          grant_type: 'password',
          client_id: this.credentials.clientId,
          client_secret: this.credentials.clientSecret,
          username: this.credentials.username,
          password,
        },
        signal,
      );
    } catch (error) {
      if (isRefusal(error)) {
        throw signInRequired(
          'O HubSoft recusou o usuário, a senha ou a chave de integração. Entre novamente.',
        );
      }
      throw error;
    }
  }

  private async request(body: Record<string, string>, signal?: AbortSignal): Promise<StoredTokens> {
    const answer = await this.grant(body, signal);
    const parsed = tokenAnswer.safeParse(answer);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'access_token';
      throw new HubsoftError(
        'parse',
        `Resposta inesperada do HubSoft ao entrar: o campo "${field}" é inválido.`,
        {
          details: { request: 'POST /oauth/token', field, problem: 'é inválido' },
        },
      );
    }
    const obtainedAt = this.now();
    const tokens: StoredTokens = {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token ?? null,
      expiresAt: parsed.data.expires_in ? obtainedAt + parsed.data.expires_in * 1000 : null,
      obtainedAt,
    };
    this.tokens = tokens;
    await this.store.save(tokens);
    return tokens;
  }
}

/** The server could not be asked (offline, slow, busy, over its rate limit): nothing was refused. */
function isTransient(error: unknown): boolean {
  return (
    error instanceof HubsoftError &&
    ['network', 'timeout', 'server', 'rate_limited'].includes(error.kind)
  );
}

/** The OAuth server said no (bad credentials, revoked or unknown refresh token). */
function isRefusal(error: unknown): boolean {
  return (
    error instanceof HubsoftError &&
    (error.kind === 'auth' || error.kind === 'validation' || error.kind === 'business') &&
    (error.status === 400 || error.status === 401)
  );
}
