/**
 * Stand-ins for the two native parts that cannot fail on demand: keytar and Electron's
 * safeStorage. The fake safeStorage really transforms bytes, so a plaintext on disk would show.
 */
import type { KeytarLike, SafeStorageLike } from '../../../main/secrets';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

const cipherMarker = Buffer.from('FAKE-ENC:');

export function fakeSafeStorage(
  options: { available?: boolean; backend?: Backend } = {},
): SafeStorageLike {
  const { available = true, backend = 'gnome_libsecret' } = options;
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plainText) {
      if (!available) throw new Error('Encryption is not available.');
      const bytes = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
      return Buffer.concat([cipherMarker, bytes]);
    },
    decryptString(encrypted) {
      if (!encrypted.subarray(0, cipherMarker.length).equals(cipherMarker)) {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      }
      return Buffer.from(
        encrypted.subarray(cipherMarker.length).map((byte) => byte ^ 0x5a),
      ).toString('utf8');
    },
  };
}

/** Behaves like a working keychain, entries kept in a Map keyed by service and account. */
export function workingKeytar(): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    entries,
    async getPassword(service, account) {
      return entries.get(key(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      entries.set(key(service, account), password);
    },
    async deletePassword(service, account) {
      return entries.delete(key(service, account));
    },
    async findCredentials(service) {
      return [...entries]
        .filter(([k]) => k.startsWith(`${service}\u0000`))
        .map(([k, password]) => ({ account: k.slice(service.length + 1), password }));
    },
  };
}

/** Like libsecret without a Secret Service: every call rejects. */
export function failingKeytar(message: (value: string | null) => string): KeytarLike {
  return {
    getPassword: async () => {
      throw new Error(message(null));
    },
    setPassword: async (_service, _account, password) => {
      throw new Error(message(password));
    },
    deletePassword: async () => {
      throw new Error(message(null));
    },
    findCredentials: async () => {
      throw new Error(message(null));
    },
  };
}

/** Like a keychain daemon that accepted the connection and never replies. */
export function hangingKeytar(): KeytarLike {
  const never = () => new Promise<never>(() => undefined);
  return {
    getPassword: never,
    setPassword: never,
    deletePassword: never,
    findCredentials: never,
  };
}
