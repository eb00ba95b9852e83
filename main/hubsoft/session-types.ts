/**
 * What the client needs from the rest of the app to sign in: where and as whom (Credentials), and
 * where to keep tokens between runs (TokenStore, backed by the OS keychain in the app).
 */

export interface Credentials {
  /** The HubSoft server, e.g. "https://api.provedor.hubsoft.com.br". */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** An e-mail. */
  username: string;
  /** Only when the agent chose "remember"; else null and a lost session asks the agent. */
  password: string | null;
}

export interface StoredTokens {
  accessToken: string;
  refreshToken: string | null;
  /** UTC epoch ms when the access token expires, from `expires_in`; null when the server gave none. */
  expiresAt: number | null;
  /** UTC epoch ms when it was obtained, to renew a fixed share of its life before expiry. */
  obtainedAt: number;
}

export interface TokenStore {
  load(): Promise<StoredTokens | null>;
  save(tokens: StoredTokens): Promise<void>;
  clear(): Promise<void>;
}
