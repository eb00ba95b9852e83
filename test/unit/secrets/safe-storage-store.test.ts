import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStoreError } from '../../../main/secrets';
import {
  corruptSecretsFileName,
  createSafeStorageStore,
  secretsFileName,
} from '../../../main/secrets/safe-storage-store';
import { fakeSafeStorage } from './fakes';
import { describeSecretStoreContract } from './store-contract';

const contractDirs: string[] = [];
describeSecretStoreContract('the safeStorage store', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hubdesk-secrets-contract-'));
  contractDirs.push(dataDir);
  return createSafeStorageStore({ safeStorage: fakeSafeStorage(), dataDir });
});
afterAll(async () => {
  for (const dir of contractDirs) await rm(dir, { recursive: true, force: true });
});

describe('the safeStorage store on disk', () => {
  let dataDir: string;
  let filePath: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hubdesk-secrets-file-'));
    filePath = join(dataDir, secretsFileName);
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const openStore = () => createSafeStorageStore({ safeStorage: fakeSafeStorage(), dataDir });

  it('the file in the data folder never holds a secret in plain text, even base64-encoded', async () => {
    const secrets = {
      token: 'plain-access-token-4821',
      client: 'plain-client-secret-9913',
      password: 'plain-password-Çãé',
    };
    const store = openStore();
    await store.set('profile-1', 'access-token', secrets.token);
    await store.set('profile-1', 'client-secret', secrets.client);
    await store.set('profile-2', 'password', secrets.password);

    const onDisk = await readFile(filePath, 'utf8');
    for (const value of Object.values(secrets)) {
      expect(onDisk).not.toContain(value);
      expect(onDisk).not.toContain(Buffer.from(value).toString('base64'));
    }
    expect(JSON.parse(onDisk)).toMatchObject({ version: 1 });
    expect(await store.get('profile-2', 'password')).toBe(secrets.password);
  });

  it('secrets written by one run are read by the next', async () => {
    await openStore().set('profile-1', 'refresh-token', 'refresh-kept-on-disk');
    expect(await openStore().get('profile-1', 'refresh-token')).toBe('refresh-kept-on-disk');
  });

  it('the file is readable by its owner only and no temp file is left behind', async () => {
    const store = openStore();
    await store.set('profile-1', 'access-token', 'token-1');
    await store.set('profile-1', 'access-token', 'token-2');
    expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual([secretsFileName]);
  });

  it('secrets saved at the same moment are all kept', async () => {
    const store = openStore();
    const profiles = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    await Promise.all(profiles.map((id) => store.set(id, 'access-token', `token-of-${id}`)));
    for (const id of profiles)
      expect(await openStore().get(id, 'access-token')).toBe(`token-of-${id}`);
  });

  it('a data folder that does not exist yet is created on the first save', async () => {
    const nested = join(dataDir, 'profiles', 'new');
    const store = createSafeStorageStore({ safeStorage: fakeSafeStorage(), dataDir: nested });
    await store.set('profile-1', 'access-token', 'token-1');
    expect(await readdir(nested)).toEqual([secretsFileName]);
  });

  it('a corrupted secrets file is set aside and the store starts empty instead of failing', async () => {
    await writeFile(filePath, '{"version":1,"profiles":{"profile-1":{"access-tok');
    const store = openStore();

    expect(await store.get('profile-1', 'access-token')).toBeNull();
    expect((await readdir(dataDir)).sort()).toEqual([corruptSecretsFileName]);

    await store.set('profile-1', 'access-token', 'token-after-recovery');
    expect(await openStore().get('profile-1', 'access-token')).toBe('token-after-recovery');
  });

  it('a secrets file of the wrong shape is treated like a corrupted one', async () => {
    await writeFile(
      filePath,
      JSON.stringify({ version: 1, profiles: { p: { 'access-token': 42 } } }),
    );
    expect(await openStore().get('p', 'access-token')).toBeNull();
    expect(await readdir(dataDir)).toContain(corruptSecretsFileName);
  });

  it('a secret that no longer decrypts is a clear error without the ciphertext or value', async () => {
    await openStore().set('profile-1', 'access-token', 'token-1');
    const file = JSON.parse(await readFile(filePath, 'utf8'));
    file.profiles['profile-1']['access-token'] = Buffer.from('not ours').toString('base64');
    await writeFile(filePath, JSON.stringify(file));

    const error = await openStore()
      .get('profile-1', 'access-token')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect(error).toMatchObject({ code: 'secure_storage_unavailable', operation: 'get' });
    expect((error as Error).message).toMatch(/Entre novamente/);
  });

  it('when encryption fails the value is neither written nor quoted in the error', async () => {
    const secret = 'value-that-must-not-leak';
    const store = createSafeStorageStore({
      dataDir,
      safeStorage: {
        ...fakeSafeStorage(),
        encryptString: (text) => {
          throw new Error(`could not encrypt ${text}`);
        },
      },
    });
    const error = await store.set('profile-1', 'password', secret).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'secure_storage_unavailable', operation: 'set' });
    expect(String((error as Error).stack)).not.toContain(secret);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('signing out the last profile leaves a file without any secret', async () => {
    const store = openStore();
    await store.set('profile-1', 'access-token', 'token-1');
    await store.deleteProfile('profile-1');
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toEqual({ version: 1, profiles: {} });
  });
});
