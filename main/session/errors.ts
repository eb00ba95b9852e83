/** Session failures the service turns into contract errors: a code to switch on, Portuguese text. */
import type { ConnectionCheck } from '../../preload/types';

export type SessionErrorCode =
  Exclude<ConnectionCheck['code'], 'ok'> | 'unknown_profile' | 'demo_unavailable' | 'no_session';

export class SessionError extends Error {
  readonly code: SessionErrorCode;

  constructor(code: SessionErrorCode, message: string) {
    super(message);
    this.name = 'SessionError';
    this.code = code;
  }
}
