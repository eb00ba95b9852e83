/**
 * The secret store's failures as data: a `code` the session layer switches on and a Portuguese
 * message for the agent. No message ever carries a secret value, and the keychain's own error is
 * deliberately not kept as `cause`: its text can echo what was being stored.
 */

export type SecretStoreErrorCode =
  /** Profile id, secret name or value failed validation. */
  | 'invalid_secret_key'
  /** The OS keychain (keytar) threw while reading, writing or deleting. */
  | 'keychain_unavailable'
  /** Electron safeStorage could not encrypt or decrypt. */
  | 'secure_storage_unavailable'
  /** The encrypted secrets file exists but the data folder would not let us read it. */
  | 'secret_file_unreadable'
  /** The encrypted secrets file could not be written to the data folder. */
  | 'secret_file_unwritable';

export type SecretOperation = 'get' | 'set' | 'delete' | 'deleteProfile';

export class SecretStoreError extends Error {
  readonly code: SecretStoreErrorCode;
  readonly operation: SecretOperation | null;

  constructor(
    code: SecretStoreErrorCode,
    message: string,
    operation: SecretOperation | null = null,
  ) {
    super(message);
    this.name = 'SecretStoreError';
    this.code = code;
    this.operation = operation;
  }
}

const operationLabels: Record<SecretOperation, string> = {
  get: 'ler',
  set: 'gravar',
  delete: 'apagar',
  deleteProfile: 'apagar os segredos do perfil',
};

export function keychainError(operation: SecretOperation): SecretStoreError {
  return new SecretStoreError(
    'keychain_unavailable',
    `Não foi possível ${operationLabels[operation]} no chaveiro do sistema. ` +
      'Verifique se o chaveiro está desbloqueado e tente de novo.',
    operation,
  );
}

export function secureStorageError(operation: SecretOperation): SecretStoreError {
  return new SecretStoreError(
    'secure_storage_unavailable',
    `Não foi possível ${operationLabels[operation]} o segredo com a criptografia do sistema. ` +
      'Entre novamente para gravá-lo de novo.',
    operation,
  );
}
