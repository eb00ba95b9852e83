/**
 * The HubSoft client's TokenStore over the SecretStore: one JSON secret, `tokens`, per profile, so
 * the access token, refresh token and expiry are always written and read together. Tokens never
 * touch the data folder in clear text (the safeStorage backend writes only ciphertext there).
 */
import { z } from 'zod';
import type { StoredTokens, TokenStore } from '../hubsoft';
import type { SecretStore } from '../secrets';

const storedTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  expiresAt: z.number().nullable(),
  obtainedAt: z.number(),
});

export class KeychainTokenStore implements TokenStore {
  constructor(
    private readonly secrets: SecretStore,
    private readonly profileId: string,
  ) {}

  /** Null when none are stored or what is stored cannot be read: the client then signs in again. */
  async load(): Promise<StoredTokens | null> {
    const text = await this.secrets.get(this.profileId, 'tokens');
    if (text === null) return null;
    const parsed = storedTokensSchema.safeParse(parseJson(text));
    return parsed.success ? parsed.data : null;
  }

  async save(tokens: StoredTokens): Promise<void> {
    await this.secrets.set(this.profileId, 'tokens', JSON.stringify(tokens));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(this.profileId, 'tokens');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
