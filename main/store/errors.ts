/**
 * Failures the store reports. Inside the worker they are thrown; at the thread boundary they
 * become `{code, message}` data and the client throws a `StoreError` again on the caller's side.
 */
export const storeErrorCodes = [
  'not_found',
  'invalid_input',
  'invalid_state',
  'schema_too_new',
  'storage_failed',
  'store_closed',
  'worker_failed',
] as const;

export type StoreErrorCode = (typeof storeErrorCodes)[number];

export interface StoreErrorData {
  code: StoreErrorCode;
  message: string;
}

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** The data form of any thrown value; unknown failures become `storage_failed`. */
export function toStoreErrorData(error: unknown): StoreErrorData {
  if (error instanceof StoreError) return { code: error.code, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'storage_failed', message: `Falha no banco de dados local: ${detail}` };
}
