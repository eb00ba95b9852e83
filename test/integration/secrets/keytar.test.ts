/**
 * The keychain backend against a real Secret Service. Run under scripts/with-keyring.sh, which
 * starts gnome-keyring in a private D-Bus session; elsewhere it skips and says why, unless the
 * script asked for it (HUBDESK_KEYRING_REQUIRED), where a missing keychain is a failure.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSecretStore,
  keychainService,
  type SecretStore,
  type SecretStoreChoice,
} from '../../../main/secrets';
import { loadKeytarModule } from '../../../main/secrets/keytar-loader';
import { describeSecretStoreContract } from '../../unit/secrets/store-contract';

const required = process.env.HUBDESK_KEYRING_REQUIRED === '1';
// With safeStorage null the only fallback is memory, so nothing is ever written here.
const dataDir = join(tmpdir(), 'hubdesk-keychain-unused');

async function findKeychain(): Promise<{ choice: SecretStoreChoice | null; missing: string }> {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return {
      choice: null,
      missing:
        'no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset); run under scripts/with-keyring.sh',
    };
  }
  const choice = await createSecretStore({ dataDir, safeStorage: null });
  if (choice.store.kind === 'keychain') return { choice, missing: '' };
  return {
    choice,
    missing: `the keychain probe failed (${choice.reason.keychain}: ${choice.reason.keychainDetail ?? ''})`,
  };
}

/** The store the app would get; anything but the keychain would make these tests prove nothing. */
async function openKeychainStore(): Promise<SecretStore> {
  const { store, reason } = await createSecretStore({ dataDir, safeStorage: null });
  if (store.kind !== 'keychain') throw new Error(`Keychain not chosen: ${reason.message}`);
  return store;
}

const keychain = await findKeychain();
const skip = keychain.missing !== '' && !required;
if (skip) console.warn(`Keychain suite skipped: ${keychain.missing}`);

describe.skipIf(!required)('the keychain under scripts/with-keyring.sh', () => {
  it('answers a real round trip, so the keychain suite below really ran', () => {
    expect(keychain.missing).toBe('');
    expect(keychain.choice?.reason).toMatchObject({ keychain: 'available' });
  });
});

describe.skipIf(skip)(
  `the OS keychain through keytar${skip ? ` (skipped: ${keychain.missing})` : ''}`,
  () => {
    describeSecretStoreContract('a real Secret Service', openKeychainStore);

    it('keeps each secret as its own HubDesk entry named profile/secret, and the probe leaves none', async () => {
      const store = await openKeychainStore();
      const profileId = `layout-${Date.now()}`;
      await store.set(profileId, 'access-token', 'layout-token');
      try {
        const keytar = await loadKeytarModule();
        expect(await keytar.getPassword(keychainService, `${profileId}/access-token`)).toBe(
          'layout-token',
        );
        const accounts = (await keytar.findCredentials(keychainService)).map((c) => c.account);
        expect(accounts.filter((account) => account.startsWith('.probe/'))).toEqual([]);
      } finally {
        await store.deleteProfile(profileId);
      }
    });

    it('a secret stored by one run of the app is read by the next', async () => {
      const profileId = `restart-${Date.now()}`;
      const first = await openKeychainStore();
      await first.set(profileId, 'refresh-token', 'refresh-across-runs');
      const second = await openKeychainStore();
      try {
        expect(await second.get(profileId, 'refresh-token')).toBe('refresh-across-runs');
      } finally {
        await second.deleteProfile(profileId);
      }
    });
  },
);
