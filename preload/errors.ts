/**
 * Error codes that cross the contract boundary. A caller switches on `code`; `message` is for the
 * agent and already translated where the service knows the language.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_method',
  'forbidden_sender',
  'unauthorized',
  'not_found',
  'offline',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ContractErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** What a method answers on the wire: data, never a thrown error, so nothing is lost in transit. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractErrorData };

/** Thrown inside main's services when the failure has a code the caller can act on. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}
