/**
 * Picks the best backend this machine offers: the OS keychain if keytar loads and a real round
 * trip answers, else Electron safeStorage if it encrypts with an OS-held key, else memory. The
 * reason travels with the store, for the diagnostics page and the "secrets will not be kept" banner.
 */
import { randomUUID } from 'node:crypto';
import { loadKeytarModule } from './keytar-loader';
import { createKeytarStore, keychainService, type KeytarLike } from './keytar-store';
import { createMemoryStore } from './memory-store';
import { createSafeStorageStore, type SafeStorageLike } from './safe-storage-store';
import type { SecretStore } from './secret-store';

export type KeychainStatus =
  | 'available'
  /** keytar loaded and was trusted without a round trip (`probe: false`). */
  | 'not_probed'
  | 'load_failed'
  | 'probe_failed'
  /** No answer in time: a missing Secret Service on Linux can leave calls hanging. */
  | 'probe_timeout';

export type SafeStorageStatus =
  | 'available'
  /** The keychain answered, so safeStorage was not looked at. */
  | 'not_needed'
  | 'not_provided'
  | 'encryption_unavailable'
  /** Linux without a keyring: Chromium's fixed-key obfuscation, which is not secure storage. */
  | 'basic_text';

export interface SecretStoreReason {
  keychain: KeychainStatus;
  safeStorage: SafeStorageStatus;
  /** The keychain's failure as reported by keytar or the loader, for diagnostics only. */
  keychainDetail: string | null;
  /** Portuguese sentence for the diagnostics page and, when not persistent, the banner. */
  message: string;
}

export interface SecretStoreChoice {
  store: SecretStore;
  reason: SecretStoreReason;
}

export interface CreateSecretStoreOptions {
  /** Folder for the safeStorage ciphertext file. */
  dataDir: string;
  platform?: NodeJS.Platform;
  loadKeytar?: () => Promise<KeytarLike>;
  /** Electron's safeStorage once the app is ready; null where there is no Electron. */
  safeStorage?: SafeStorageLike | null;
  /** Whether to check the keychain with a real set/get/delete before trusting it. */
  probe?: boolean;
  probeTimeoutMs?: number;
}

const defaultProbeTimeoutMs = 5_000;

/** Probe accounts start with a dot, which profile ids cannot, so they never meet a profile's. */
const probeAccountPrefix = '.probe/';

export async function createSecretStore(
  options: CreateSecretStoreOptions,
): Promise<SecretStoreChoice> {
  const keychain = await tryKeychain(options);
  if (keychain.keytar) {
    return {
      store: createKeytarStore(keychain.keytar),
      reason: choiceReason(keychain.status, 'not_needed', null),
    };
  }

  const platform = options.platform ?? process.platform;
  const safeStorage = options.safeStorage ?? null;
  const safeStatus = checkSafeStorage(safeStorage, platform);
  if (safeStorage && safeStatus === 'available') {
    return {
      store: createSafeStorageStore({ safeStorage, dataDir: options.dataDir }),
      reason: choiceReason(keychain.status, safeStatus, keychain.detail),
    };
  }
  return {
    store: createMemoryStore(),
    reason: choiceReason(keychain.status, safeStatus, keychain.detail),
  };
}

interface KeychainAttempt {
  keytar: KeytarLike | null;
  status: KeychainStatus;
  detail: string | null;
}

async function tryKeychain(options: CreateSecretStoreOptions): Promise<KeychainAttempt> {
  let keytar: KeytarLike;
  try {
    keytar = await (options.loadKeytar ?? loadKeytarModule)();
  } catch (error) {
    return { keytar: null, status: 'load_failed', detail: describeError(error) };
  }
  if (options.probe === false) return { keytar, status: 'not_probed', detail: null };

  const timeoutMs = options.probeTimeoutMs ?? defaultProbeTimeoutMs;
  const outcome = await withTimeout(probeKeychain(keytar), timeoutMs);
  if (outcome === 'timeout') {
    return {
      keytar: null,
      status: 'probe_timeout',
      detail: `O chaveiro não respondeu em ${timeoutMs} ms.`,
    };
  }
  if (outcome.ok) return { keytar, status: 'available', detail: null };
  return { keytar: null, status: 'probe_failed', detail: outcome.detail };
}

/** Writes, reads back and deletes a throwaway entry: loading keytar proves nothing on Linux. */
async function probeKeychain(
  keytar: KeytarLike,
): Promise<{ ok: true } | { ok: false; detail: string }> {
  const account = `${probeAccountPrefix}${randomUUID()}`;
  const value = randomUUID();
  try {
    await keytar.setPassword(keychainService, account, value);
    const readBack = await keytar.getPassword(keychainService, account);
    await keytar.deletePassword(keychainService, account);
    if (readBack !== value) return { ok: false, detail: 'O chaveiro devolveu outro valor.' };
    return { ok: true };
  } catch (error) {
    // A keychain that stored but failed later may still hold the entry; removing it is best effort.
    void keytar.deletePassword(keychainService, account).catch(() => undefined);
    return { ok: false, detail: describeError(error) };
  }
}

function checkSafeStorage(
  safeStorage: SafeStorageLike | null,
  platform: NodeJS.Platform,
): SafeStorageStatus {
  if (!safeStorage) return 'not_provided';
  try {
    if (!safeStorage.isEncryptionAvailable()) return 'encryption_unavailable';
    // getSelectedStorageBackend exists on Linux only; elsewhere the OS always holds the key.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'basic_text';
    }
  } catch {
    return 'encryption_unavailable';
  }
  return 'available';
}

function choiceReason(
  keychain: KeychainStatus,
  safeStorage: SafeStorageStatus,
  keychainDetail: string | null,
): SecretStoreReason {
  return { keychain, safeStorage, keychainDetail, message: reasonMessage(keychain, safeStorage) };
}

const keychainMessages: Record<Exclude<KeychainStatus, 'available' | 'not_probed'>, string> = {
  load_failed: 'o módulo do chaveiro do sistema não carregou',
  probe_failed: 'o chaveiro do sistema recusou o teste de gravação',
  probe_timeout: 'o chaveiro do sistema não respondeu',
};

const safeStorageMessages: Record<
  Exclude<SafeStorageStatus, 'available' | 'not_needed'>,
  string
> = {
  not_provided: 'a criptografia do Electron não está disponível neste modo',
  encryption_unavailable: 'a criptografia do sistema não está disponível',
  basic_text:
    'a criptografia do sistema usaria texto simples (basic_text), sem chaveiro para guardar a chave',
};

function reasonMessage(keychain: KeychainStatus, safeStorage: SafeStorageStatus): string {
  if (keychain === 'available' || keychain === 'not_probed') {
    return 'Os segredos ficam guardados no chaveiro do sistema.';
  }
  if (safeStorage === 'available' || safeStorage === 'not_needed') {
    return (
      'Os segredos ficam guardados criptografados na pasta de dados, porque ' +
      `${keychainMessages[keychain]}.`
    );
  }
  return (
    'Os segredos não serão guardados: valem só até fechar o app e será preciso entrar de novo, ' +
    `porque ${keychainMessages[keychain]} e ${safeStorageMessages[safeStorage]}.`
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    // A hung keychain call must not keep the process alive on its own.
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
