import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SecretStoreError, keychainService } from '../../../main/secrets';
import { createKeytarStore } from '../../../main/secrets/keytar-store';
import { failingKeytar, workingKeytar } from './fakes';
import { describeSecretStoreContract } from './store-contract';

describeSecretStoreContract('the keychain store over a keytar-shaped keychain', () =>
  createKeytarStore(workingKeytar()),
);

describe('the keychain store', () => {
  it('keeps each secret as its own HubDesk entry named profile/secret', async () => {
    const keytar = workingKeytar();
    await createKeytarStore(keytar).set('profile-1', 'refresh-token', 'refresh-value');
    expect(await keytar.findCredentials(keychainService)).toEqual([
      { account: 'profile-1/refresh-token', password: 'refresh-value' },
    ]);
  });

  it('a keychain error that quotes the secret reaches the caller without the secret', async () => {
    const secret = 'super-secret-client-secret-7f3a';
    const store = createKeytarStore(
      failingKeytar((value) => `Failed to store "${value ?? ''}" in collection login`),
    );

    const error = await store.set('profile-1', 'client-secret', secret).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SecretStoreError);
    expect(error).toMatchObject({ code: 'keychain_unavailable', operation: 'set' });
    expect((error as Error).message).toMatch(/chaveiro do sistema/);
    expect((error as Error).cause).toBeUndefined();
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('every failing keychain call becomes a keychain_unavailable error', async () => {
    const store = createKeytarStore(failingKeytar(() => 'No such interface'));
    await expect(store.get('p', 'access-token')).rejects.toMatchObject({
      code: 'keychain_unavailable',
      operation: 'get',
    });
    await expect(store.delete('p', 'access-token')).rejects.toMatchObject({ operation: 'delete' });
    await expect(store.deleteProfile('p')).rejects.toMatchObject({ operation: 'deleteProfile' });
  });
});
