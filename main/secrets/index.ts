/** The secret store: OS keychain, Electron safeStorage or memory behind one interface. */
export {
  createSecretStore,
  type CreateSecretStoreOptions,
  type KeychainStatus,
  type SafeStorageStatus,
  type SecretStoreChoice,
  type SecretStoreReason,
} from './choose-store';
export { SecretStoreError, type SecretOperation, type SecretStoreErrorCode } from './errors';
export { keychainService, type KeytarLike } from './keytar-store';
export type { SafeStorageLike } from './safe-storage-store';
export { secretNames, type SecretName } from './secret-key';
export type { SecretStore, SecretStoreKind } from './secret-store';
