/**
 * Electron safeStorage as the fallback keychain: each secret is encrypted with the OS-held key and
 * only the base64 ciphertext is written, to one JSON file in the data folder. Writes go to a temp
 * file that is then renamed over the old one, so a crash leaves the old file or the new, never half.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { SecretStoreError, secureStorageError, type SecretOperation } from './errors';
import { checkProfileId, checkSecretName, checkSecretValue } from './secret-key';
import type { SecretStore } from './secret-store';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export const secretsFileName = 'secrets.json';

/** Where a file that could not be read is moved, kept for diagnostics: it holds ciphertext only. */
export const corruptSecretsFileName = 'secrets.json.corrupt';

const secretsFileSchema = z.object({
  version: z.literal(1),
  profiles: z.record(z.string(), z.record(z.string(), z.base64())),
});

type Profiles = Map<string, Map<string, string>>;

export function createSafeStorageStore(options: {
  safeStorage: SafeStorageLike;
  dataDir: string;
}): SecretStore {
  const { safeStorage, dataDir } = options;
  const filePath = join(dataDir, secretsFileName);
  // Every operation reads, changes and rewrites the whole file; one at a time so none is lost.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const readProfiles = async (): Promise<Profiles> => {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new SecretStoreError(
        'secret_file_unreadable',
        'Não foi possível ler o arquivo de segredos na pasta de dados. Verifique as permissões da pasta.',
      );
    }
    const parsed = parseSecretsFile(text);
    if (parsed) return parsed;
    // Unreadable ciphertexts cannot be recovered anyway: set the file aside and start empty, so
    // the agent is asked to sign in again instead of the app failing on every start.
    await rename(filePath, join(dataDir, corruptSecretsFileName)).catch(() => undefined);
    return new Map();
  };

  const writeProfiles = async (profiles: Profiles): Promise<void> => {
    const body = {
      version: 1,
      profiles: Object.fromEntries(
        [...profiles].map(([id, entries]) => [id, Object.fromEntries(entries)]),
      ),
    };
    await writeAtomically(dataDir, filePath, `${JSON.stringify(body, null, 2)}\n`);
  };

  const encrypt = (value: string, operation: SecretOperation): string => {
    try {
      return safeStorage.encryptString(value).toString('base64');
    } catch {
      throw secureStorageError(operation);
    }
  };

  const decrypt = (ciphertext: string): string => {
    try {
      return safeStorage.decryptString(Buffer.from(ciphertext, 'base64'));
    } catch {
      throw secureStorageError('get');
    }
  };

  return {
    kind: 'safe-storage',
    persistent: true,
    async get(profileId, name) {
      const id = checkProfileId(profileId, 'get');
      const key = checkSecretName(name, 'get');
      return serially(async () => {
        const ciphertext = (await readProfiles()).get(id)?.get(key);
        return ciphertext === undefined ? null : decrypt(ciphertext);
      });
    },
    async set(profileId, name, value) {
      const id = checkProfileId(profileId, 'set');
      const key = checkSecretName(name, 'set');
      const ciphertext = encrypt(checkSecretValue(value), 'set');
      return serially(async () => {
        const profiles = await readProfiles();
        const entries = profiles.get(id) ?? new Map<string, string>();
        entries.set(key, ciphertext);
        profiles.set(id, entries);
        await writeProfiles(profiles);
      });
    },
    async delete(profileId, name) {
      const id = checkProfileId(profileId, 'delete');
      const key = checkSecretName(name, 'delete');
      return serially(async () => {
        const profiles = await readProfiles();
        const entries = profiles.get(id);
        if (!entries?.delete(key)) return;
        if (entries.size === 0) profiles.delete(id);
        await writeProfiles(profiles);
      });
    },
    async deleteProfile(profileId) {
      const id = checkProfileId(profileId, 'deleteProfile');
      return serially(async () => {
        const profiles = await readProfiles();
        if (!profiles.delete(id)) return;
        await writeProfiles(profiles);
      });
    },
  };
}

function parseSecretsFile(text: string): Profiles | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = secretsFileSchema.safeParse(json);
  if (!result.success) return null;
  return new Map(
    Object.entries(result.data.profiles).map(([id, entries]) => [
      id,
      new Map(Object.entries(entries)),
    ]),
  );
}

async function writeAtomically(dataDir: string, filePath: string, text: string): Promise<void> {
  const tempPath = `${filePath}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const handle = await open(tempPath, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch {
    await unlink(tempPath).catch(() => undefined);
    throw new SecretStoreError(
      'secret_file_unwritable',
      'Não foi possível gravar o arquivo de segredos na pasta de dados. ' +
        'Verifique o espaço livre e as permissões da pasta.',
    );
  }
}
