/**
 * HubSoft calls made by sync, with their outcome told to connectivity: a network failure or a
 * timeout counts against reachability, any answer (even an error body) for it. While offline a
 * call waits for the server instead of failing, so an outage costs no error and no attempt.
 */
import type { HubsoftClient } from '../hubsoft/client';
import { isHubsoftError } from '../hubsoft/errors';
import type { ConnectivitySignal } from './connectivity-signal';

/** Failures that say nothing reached the server, or nothing came back. */
export function isNetworkFailure(error: unknown): boolean {
  return isHubsoftError(error) && (error.kind === 'network' || error.kind === 'timeout');
}

/**
 * Connectivity's probe: one small read. Any answer from HubSoft, even an error body, says it is
 * reachable; a probe given up (its signal aborted) says nothing came back.
 */
export function hubsoftProbe(
  client: Pick<HubsoftClient, 'getConfigList'>,
): (signal: AbortSignal) => Promise<boolean> {
  return async (signal) => {
    try {
      await client.getConfigList('ticketStatuses', { signal });
      return true;
    } catch (error) {
      return !isNetworkFailure(error) && !(isHubsoftError(error) && error.kind === 'cancelled');
    }
  };
}

/** Runs one call and tells connectivity what it learned; the outcome is passed on unchanged. */
export async function reportingOutcome<T>(
  connectivity: ConnectivitySignal,
  call: () => Promise<T>,
): Promise<T> {
  try {
    const value = await call();
    connectivity.report('reachable');
    return value;
  } catch (error) {
    if (isNetworkFailure(error)) connectivity.report('unreachable');
    else if (isHubsoftError(error) && error.kind !== 'cancelled') connectivity.report('reachable');
    throw error;
  }
}

/**
 * Failures in a row while connectivity still says online before the call gives up. Each one has
 * already been retried by the client; two in a row normally turn connectivity offline first.
 */
const onlineFailureLimit = 3;

/** A read that waits out offline periods: it fails only on an answer or repeated online failures. */
export async function callWhenOnline<T>(
  connectivity: ConnectivitySignal,
  signal: AbortSignal,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  let onlineFailures = 0;
  for (;;) {
    await connectivity.whenOnline(signal);
    try {
      return await reportingOutcome(connectivity, () => call(signal));
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
      if (connectivity.online) onlineFailures += 1;
      if (onlineFailures >= onlineFailureLimit) throw error;
    }
  }
}
