/** The one interface the session layer sees, whatever keeps the secrets underneath. */
import type { SecretName } from './secret-key';

export type SecretStoreKind = 'keychain' | 'safe-storage' | 'memory';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** False when secrets last only for this session: the UI shows a banner saying so. */
  readonly persistent: boolean;
  get(profileId: string, name: SecretName): Promise<string | null>;
  set(profileId: string, name: SecretName, value: string): Promise<void>;
  delete(profileId: string, name: SecretName): Promise<void>;
  /** Removes every secret of the profile (sign-out), leaving other profiles untouched. */
  deleteProfile(profileId: string): Promise<void>;
}
