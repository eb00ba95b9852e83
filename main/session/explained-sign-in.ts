/**
 * The password grant of a sign-in, with a refusal explained: the client folds every refusal into
 * one 'auth' error and every connection failure into 'network', so when it fails the connection
 * check runs the same path and names the cause (wrong client or wrong user, DNS, TLS, not HubSoft).
 */
import { isHubsoftError, type HubsoftClient } from '../hubsoft';
import {
  checkConnection,
  type ConnectionCheckInput,
  type ConnectionCheckOptions,
} from './connection-check';
import { SessionError } from './errors';

export async function signInExplained(
  client: HubsoftClient,
  input: ConnectionCheckInput,
  checkOptions: ConnectionCheckOptions = {},
): Promise<void> {
  try {
    await client.signIn(input.password);
  } catch (error) {
    // Waiting out a rate limit or a cancelled sign-in need no diagnosis, and another grant would hurt.
    if (!isHubsoftError(error) || error.kind === 'cancelled' || error.kind === 'rate_limited') {
      throw error;
    }
    const check = await checkConnection(input, checkOptions);
    // A denied API or a wrong clock does not stop a password grant: neither is the cause.
    if (
      check.code !== 'ok' &&
      check.code !== 'no_permission' &&
      check.code !== 'clock_skew' &&
      check.problem
    ) {
      throw new SessionError(check.code, check.problem);
    }
    throw error;
  }
}
