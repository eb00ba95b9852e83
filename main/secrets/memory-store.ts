/** Secrets for this session only: used when no backend can keep them encrypted at rest. */
import { checkProfileId, checkSecretName, checkSecretValue } from './secret-key';
import type { SecretStore } from './secret-store';

export function createMemoryStore(): SecretStore {
  const profiles = new Map<string, Map<string, string>>();

  return {
    kind: 'memory',
    persistent: false,
    async get(profileId, name) {
      const id = checkProfileId(profileId, 'get');
      const key = checkSecretName(name, 'get');
      return profiles.get(id)?.get(key) ?? null;
    },
    async set(profileId, name, value) {
      const id = checkProfileId(profileId, 'set');
      const key = checkSecretName(name, 'set');
      const secret = checkSecretValue(value);
      const entries = profiles.get(id) ?? new Map<string, string>();
      entries.set(key, secret);
      profiles.set(id, entries);
    },
    async delete(profileId, name) {
      const id = checkProfileId(profileId, 'delete');
      const key = checkSecretName(name, 'delete');
      profiles.get(id)?.delete(key);
    },
    async deleteProfile(profileId) {
      profiles.delete(checkProfileId(profileId, 'deleteProfile'));
    },
  };
}
