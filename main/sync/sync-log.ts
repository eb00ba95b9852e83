/**
 * Sync's records in the scrubbed log (main/log/logger.ts): each run, page and detail fetch with
 * its endpoint, page, size, duration, outcome class and HTTP status, so a diagnostics file shows
 * what a tenant's server did, and each configuration list that could not be read (its endpoint
 * and field path). Never a ticket's text, a name or a secret: only numbers and kinds.
 */
import { isHubsoftError } from '../hubsoft/errors';

export interface SyncLogRecord {
  event: 'run' | 'page' | 'detail' | 'config_list';
  [field: string]: string | number | boolean | null;
}

/** What sync needs of a logger; pino's satisfies it. */
export interface SyncLog {
  info(record: SyncLogRecord, message: string): void;
  warn(record: SyncLogRecord, message: string): void;
}

export const silentLog: SyncLog = { info: () => undefined, warn: () => undefined };

/** The outcome class and HTTP status of a failure, for a log record. */
export function failureFields(error: unknown): { outcome: string; httpStatus: number | null } {
  return isHubsoftError(error)
    ? { outcome: error.kind, httpStatus: error.status }
    : { outcome: 'unexpected', httpStatus: null };
}

/** Runs one fetch and logs it with its duration and outcome; the outcome is passed on. */
export async function loggedFetch<T>(
  log: SyncLog,
  record: SyncLogRecord,
  fetch: () => Promise<T>,
): Promise<T> {
  const startedAt = performance.now();
  const durationMs = () => Math.round(performance.now() - startedAt);
  try {
    const value = await fetch();
    log.info({ ...record, durationMs: durationMs(), outcome: 'ok' }, `sync ${record.event}`);
    return value;
  } catch (error) {
    log.warn(
      { ...record, durationMs: durationMs(), ...failureFields(error) },
      `sync ${record.event} failed`,
    );
    throw error;
  }
}
