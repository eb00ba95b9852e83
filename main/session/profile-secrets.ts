/**
 * One profile's secrets in the SecretStore: the client secret, the password only when the agent
 * ticked "remember", and the tokens (through KeychainTokenStore, which the client writes itself).
 */
import type { ProfileSummary } from '../../preload/types';
import type { Credentials } from '../hubsoft';
import { SecretStoreError, type SecretStore } from '../secrets';
import { KeychainTokenStore } from './keychain-token-store';

export interface StoredLogin {
  credentials: Credentials;
  hasTokens: boolean;
}

export class ProfileSecrets {
  readonly tokens: KeychainTokenStore;

  constructor(
    private readonly store: SecretStore,
    readonly profileId: string,
  ) {
    this.tokens = new KeychainTokenStore(store, profileId);
  }

  clientSecret(): Promise<string | null> {
    return this.store.get(this.profileId, 'client-secret');
  }

  password(): Promise<string | null> {
    return this.store.get(this.profileId, 'password');
  }

  /**
   * What a restart needs to resume the session without the agent; null when the profile was
   * signed out (no client secret) or the secret store cannot be read (a locked keychain), where
   * the agent signs in again.
   */
  async storedLogin(profile: ProfileSummary): Promise<StoredLogin | null> {
    try {
      const clientSecret = await this.clientSecret();
      if (clientSecret === null) return null;
      return {
        credentials: {
          baseUrl: profile.baseUrl,
          clientId: profile.clientId,
          clientSecret,
          username: profile.username,
          password: await this.password(),
        },
        hasTokens: (await this.tokens.load()) !== null,
      };
    } catch (error) {
      if (error instanceof SecretStoreError) return null;
      throw error;
    }
  }

  /** After a sign-in that worked; a password not to be remembered is removed if one was kept. */
  async keep(clientSecret: string, rememberedPassword: string | null): Promise<void> {
    await this.store.set(this.profileId, 'client-secret', clientSecret);
    if (rememberedPassword === null) await this.store.delete(this.profileId, 'password');
    else await this.store.set(this.profileId, 'password', rememberedPassword);
  }

  /** Sign-out: every secret of this profile, none of another's. */
  deleteAll(): Promise<void> {
    return this.store.deleteProfile(this.profileId);
  }
}
