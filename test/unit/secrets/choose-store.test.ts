import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../../main/secrets';
import { loadKeytarModule } from '../../../main/secrets/keytar-loader';
import { failingKeytar, fakeSafeStorage, hangingKeytar, workingKeytar } from './fakes';

describe('choosing where secrets are kept', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hubdesk-secrets-choice-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a keychain that answers the round trip is used, and the probe leaves no entry behind', async () => {
    const keytar = workingKeytar();
    const { store, reason } = await createSecretStore({
      dataDir,
      loadKeytar: async () => keytar,
      safeStorage: fakeSafeStorage(),
    });
    expect(store).toMatchObject({ kind: 'keychain', persistent: true });
    expect(reason).toMatchObject({ keychain: 'available', safeStorage: 'not_needed' });
    expect(reason.message).toContain('chaveiro do sistema');
    expect(keytar.entries.size).toBe(0);
  });

  it('when keytar cannot load, secrets are kept encrypted by safeStorage', async () => {
    const { store, reason } = await createSecretStore({
      dataDir,
      platform: 'linux',
      loadKeytar: () =>
        Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')),
      safeStorage: fakeSafeStorage(),
    });
    expect(store).toMatchObject({ kind: 'safe-storage', persistent: true });
    expect(reason).toMatchObject({ keychain: 'load_failed', safeStorage: 'available' });
    expect(reason.keychainDetail).toContain('libsecret-1.so.0');
    expect(reason.message).toContain('não carregou');
  });

  it('when the keychain loads but refuses the probe, safeStorage is used', async () => {
    const { store, reason } = await createSecretStore({
      dataDir,
      platform: 'linux',
      loadKeytar: async () =>
        failingKeytar(() => 'The name org.freedesktop.secrets was not provided'),
      safeStorage: fakeSafeStorage(),
    });
    expect(store.kind).toBe('safe-storage');
    expect(reason).toMatchObject({ keychain: 'probe_failed', safeStorage: 'available' });
  });

  it('when the keychain never answers the probe, safeStorage is used once the wait runs out', async () => {
    const { store, reason } = await createSecretStore({
      dataDir,
      platform: 'linux',
      loadKeytar: async () => hangingKeytar(),
      safeStorage: fakeSafeStorage(),
      probeTimeoutMs: 50,
    });
    expect(store.kind).toBe('safe-storage');
    expect(reason).toMatchObject({ keychain: 'probe_timeout', safeStorage: 'available' });
  });

  it('a keychain that reads back another value than it was given is not trusted', async () => {
    const keytar = { ...workingKeytar(), getPassword: async () => 'something else' };
    const { store, reason } = await createSecretStore({
      dataDir,
      loadKeytar: async () => keytar,
      safeStorage: null,
    });
    expect(store.kind).toBe('memory');
    expect(reason.keychain).toBe('probe_failed');
  });

  it("on Linux, safeStorage's basic_text backend is not trusted: secrets stay in memory and the store says they will not be kept", async () => {
    const { store, reason } = await createSecretStore({
      dataDir,
      platform: 'linux',
      loadKeytar: () => Promise.reject(new Error('no keytar')),
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
    });
    expect(store).toMatchObject({ kind: 'memory', persistent: false });
    expect(reason).toMatchObject({ keychain: 'load_failed', safeStorage: 'basic_text' });
    expect(reason.message).toContain('não serão guardados');
    expect(reason.message).toContain('basic_text');

    await store.set('profile-1', 'access-token', 'token-in-memory');
    expect(await store.get('profile-1', 'access-token')).toBe('token-in-memory');
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('when safeStorage cannot encrypt, secrets stay in memory', async () => {
    const { store, reason } = await createSecretStore({
      dataDir,
      platform: 'linux',
      loadKeytar: async () => hangingKeytar(),
      safeStorage: fakeSafeStorage({ available: false }),
      probeTimeoutMs: 50,
    });
    expect(store).toMatchObject({ kind: 'memory', persistent: false });
    expect(reason).toMatchObject({
      keychain: 'probe_timeout',
      safeStorage: 'encryption_unavailable',
    });
  });

  it('without Electron (no safeStorage) and no keychain, secrets stay in memory', async () => {
    const { store, reason } = await createSecretStore({
      dataDir,
      loadKeytar: () => Promise.reject(new Error('no keytar')),
      safeStorage: null,
    });
    expect(store).toMatchObject({ kind: 'memory', persistent: false });
    expect(reason.safeStorage).toBe('not_provided');
  });

  it('basic_text is a Linux notion: on macOS an available safeStorage is used', async () => {
    const { store } = await createSecretStore({
      dataDir,
      platform: 'darwin',
      loadKeytar: () => Promise.reject(new Error('no keytar')),
      safeStorage: {
        ...fakeSafeStorage(),
        getSelectedStorageBackend: () => {
          throw new Error('getSelectedStorageBackend is only available on Linux');
        },
      },
    });
    expect(store.kind).toBe('safe-storage');
  });

  it('with the probe turned off, a keytar that loads is trusted without touching the keychain', async () => {
    const keytar = hangingKeytar();
    const { store, reason } = await createSecretStore({
      dataDir,
      loadKeytar: async () => keytar,
      safeStorage: null,
      probe: false,
    });
    expect(store.kind).toBe('keychain');
    expect(reason.keychain).toBe('not_probed');
  });

  it('the installed keytar module loads with every function the store needs', async () => {
    const keytar = await loadKeytarModule();
    expect(typeof keytar.findCredentials).toBe('function');
    expect(typeof keytar.setPassword).toBe('function');
  });
});
