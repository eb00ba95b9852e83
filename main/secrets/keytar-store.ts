/**
 * The OS keychain through keytar: service `HubDesk`, one account per profile and secret
 * (`${profileId}/${name}`). Every keytar failure becomes a `keychain_unavailable` error whose
 * message is ours, because libsecret and the macOS/Windows APIs may echo the stored value.
 */
import { keychainError, type SecretOperation } from './errors';
import {
  accountFor,
  checkProfileId,
  checkSecretName,
  checkSecretValue,
  profilePrefix,
} from './secret-key';
import type { SecretStore } from './secret-store';

export const keychainService = 'HubDesk';

/** The part of keytar's API the store uses; a fake with the same shape stands in for it in tests. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export function createKeytarStore(keytar: KeytarLike): SecretStore {
  return {
    kind: 'keychain',
    persistent: true,
    async get(profileId, name) {
      const account = accountFor(checkProfileId(profileId, 'get'), checkSecretName(name, 'get'));
      return guard('get', () => keytar.getPassword(keychainService, account));
    },
    async set(profileId, name, value) {
      const account = accountFor(checkProfileId(profileId, 'set'), checkSecretName(name, 'set'));
      const secret = checkSecretValue(value);
      await guard('set', () => keytar.setPassword(keychainService, account, secret));
    },
    async delete(profileId, name) {
      const account = accountFor(
        checkProfileId(profileId, 'delete'),
        checkSecretName(name, 'delete'),
      );
      await guard('delete', () => keytar.deletePassword(keychainService, account));
    },
    async deleteProfile(profileId) {
      const prefix = profilePrefix(checkProfileId(profileId, 'deleteProfile'));
      await guard('deleteProfile', async () => {
        const credentials = await keytar.findCredentials(keychainService);
        for (const { account } of credentials) {
          if (account.startsWith(prefix)) await keytar.deletePassword(keychainService, account);
        }
      });
    },
  };
}

async function guard<T>(operation: SecretOperation, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch {
    throw keychainError(operation);
  }
}
