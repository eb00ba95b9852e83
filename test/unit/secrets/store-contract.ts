/**
 * What every SecretStore backend must do, run against each one: the memory and safeStorage
 * backends in the unit suite, the real keychain in the integration suite.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretName, SecretStore } from '../../../main/secrets';
import { SecretStoreError } from '../../../main/secrets';

export function describeSecretStoreContract(
  title: string,
  makeStore: () => Promise<SecretStore> | SecretStore,
): void {
  describe(title, () => {
    // Unique per run so a real keychain shared with earlier runs never answers with stale values.
    const run = randomUUID().slice(0, 8);
    const alice = `alice-${run}`;
    const bob = `bob-${run}`;
    const used = [alice, bob, `${alice}x`, `${alice}.b`];
    let store: SecretStore | undefined;

    const open = async (): Promise<SecretStore> => {
      store = await makeStore();
      return store;
    };

    afterEach(async () => {
      for (const profileId of used) await store?.deleteProfile(profileId);
      store = undefined;
    });

    it('a stored secret reads back, and one never stored reads as null', async () => {
      const secrets = await open();
      await secrets.set(alice, 'access-token', 'token-a-1');
      expect(await secrets.get(alice, 'access-token')).toBe('token-a-1');
      expect(await secrets.get(alice, 'refresh-token')).toBeNull();
    });

    it('storing a secret again replaces the old value', async () => {
      const secrets = await open();
      await secrets.set(alice, 'client-secret', 'first-client-secret');
      await secrets.set(alice, 'client-secret', 'second-client-secret');
      expect(await secrets.get(alice, 'client-secret')).toBe('second-client-secret');
    });

    it('a deleted secret reads as null, and deleting a missing one is no error', async () => {
      const secrets = await open();
      await secrets.set(alice, 'password', 'remembered-password');
      await secrets.delete(alice, 'password');
      expect(await secrets.get(alice, 'password')).toBeNull();
      await expect(secrets.delete(alice, 'password')).resolves.toBeUndefined();
    });

    it('two profiles keep their own value under the same secret name', async () => {
      const secrets = await open();
      await secrets.set(alice, 'access-token', 'token-of-alice');
      await secrets.set(bob, 'access-token', 'token-of-bob');
      expect(await secrets.get(alice, 'access-token')).toBe('token-of-alice');
      expect(await secrets.get(bob, 'access-token')).toBe('token-of-bob');
      await secrets.delete(alice, 'access-token');
      expect(await secrets.get(bob, 'access-token')).toBe('token-of-bob');
    });

    it("signing out one profile deletes all its secrets and none of another profile's", async () => {
      const secrets = await open();
      const names: SecretName[] = ['access-token', 'refresh-token', 'client-secret', 'password'];
      for (const name of names) await secrets.set(alice, name, `${name}-of-alice`);
      // Ids that start like alice's must survive: deletion is by profile, not by text prefix.
      await secrets.set(`${alice}x`, 'access-token', 'token-of-alicex');
      await secrets.set(`${alice}.b`, 'access-token', 'token-of-alice-b');
      await secrets.set(bob, 'tokens', '{"accessToken":"bob"}');

      await secrets.deleteProfile(alice);

      for (const name of names) expect(await secrets.get(alice, name)).toBeNull();
      expect(await secrets.get(`${alice}x`, 'access-token')).toBe('token-of-alicex');
      expect(await secrets.get(`${alice}.b`, 'access-token')).toBe('token-of-alice-b');
      expect(await secrets.get(bob, 'tokens')).toBe('{"accessToken":"bob"}');
    });

    it('profile ids that could collide, and unknown secret names, are refused', async () => {
      const secrets = await open();
      const badIds = ['', ' ', 'a/b', '../a', '.probe', 'a b', 'x'.repeat(200)];
      for (const profileId of badIds) {
        const error = await secrets.set(profileId, 'access-token', 'value').catch((e) => e);
        expect(error).toBeInstanceOf(SecretStoreError);
        expect(error).toMatchObject({ code: 'invalid_secret_key' });
      }
      const unknownName = await secrets
        .get(alice, 'session-cookie' as SecretName)
        .catch((e: unknown) => e);
      expect(unknownName).toMatchObject({ code: 'invalid_secret_key' });
      await expect(secrets.set(alice, 'password', '')).rejects.toMatchObject({
        code: 'invalid_secret_key',
      });
    });
  });
}
