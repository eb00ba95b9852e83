/**
 * The `session` area of the contract over the SessionManager. Failures leave as AppError with a
 * contract code and the Portuguese message the agent reads; `details.reason` keeps the precise
 * cause (wrong_client, tls, ...) for the sign-in screen. Results carry profiles and states only:
 * tokens, passwords and client secrets stay in main.
 */
import type { Services } from '../../preload/contract';
import { AppError, type ErrorCode } from '../../preload/errors';
import { isHubsoftError, type HubsoftErrorKind } from '../hubsoft';
import { SecretStoreError } from '../secrets';
import { SessionError, type SessionErrorCode } from '../session/errors';
import type { SessionManager } from '../session/session-manager';
import { createCompatibilityReports, type CompatibilityReports } from './compatibility-reports';

const sessionCodes: Record<SessionErrorCode, ErrorCode> = {
  invalid_address: 'invalid_input',
  wrong_client: 'unauthorized',
  wrong_credentials: 'unauthorized',
  no_permission: 'unauthorized',
  unreachable: 'unavailable',
  tls: 'unavailable',
  not_hubsoft: 'unavailable',
  clock_skew: 'unavailable',
  unknown_profile: 'not_found',
  demo_unavailable: 'unavailable',
  no_session: 'unauthorized',
};

const hubsoftCodes: Partial<Record<HubsoftErrorKind, ErrorCode>> = {
  auth: 'unauthorized',
  permission: 'unauthorized',
  not_found: 'not_found',
  validation: 'invalid_input',
};

export function createSessionService(
  manager: SessionManager,
  reports: CompatibilityReports = createCompatibilityReports(),
): Services['session'] {
  return {
    status: () => manager.status(),
    login: (input) => asContractErrors(() => manager.login(input)),
    reauthenticate: (input) => asContractErrors(() => manager.reauthenticate(input)),
    testConnection: (input) =>
      asContractErrors(async () => {
        const check = await manager.testConnection(input);
        if (check.compatibility) reports.keepFromSignIn(check.compatibility);
        return check;
      }),
    checkCompatibility: () =>
      asContractErrors(async () => {
        const report = await manager.checkCompatibility();
        await reports.keepForProfile(report);
        return report;
      }),
    lastCompatibility: () => reports.latest(),
    logout: (input) => asContractErrors(() => manager.logout(input)),
    startDemo: () => asContractErrors(() => manager.startDemo()),
    profiles: () => manager.profiles(),
    switchProfile: (id) => asContractErrors(() => manager.switchProfile(id)),
  };
}

async function asContractErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

/** Known failures become AppErrors; anything else is a bug and stays as it is ('internal'). */
export function toAppError(error: unknown): unknown {
  if (error instanceof SessionError) {
    return new AppError(sessionCodes[error.code], error.message, { reason: error.code });
  }
  if (isHubsoftError(error)) {
    // The client scrubs known secrets from its messages; details are not passed on regardless.
    return new AppError(hubsoftCodes[error.kind] ?? 'unavailable', error.message, {
      reason: error.kind,
    });
  }
  if (error instanceof SecretStoreError) {
    return new AppError('unavailable', error.message, { reason: error.code });
  }
  return error;
}
