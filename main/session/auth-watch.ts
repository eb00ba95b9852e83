/**
 * The client handed to a workspace, watched: when any call fails with HubsoftError kind 'auth'
 * (the client already tried its one re-authentication), the session manager hears of it and asks
 * the agent to sign in again. The workspace's code needs no wiring for this.
 */
import { isHubsoftError, type HubsoftClient, type HubsoftError } from '../hubsoft';

/**
 * `signInsAtStart`: how many sign-ins the session had when the failed call began, so a failure of
 * a call made before the agent signed in again is not taken for a new one.
 */
export type AuthFailureListener = (error: HubsoftError, signInsAtStart: number) => void;

export function watchAuthFailures(
  client: HubsoftClient,
  signInCount: () => number,
  onAuthFailure: AuthFailureListener,
): HubsoftClient {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const signInsAtStart = signInCount();
        const result: unknown = Reflect.apply(value, target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          if (isHubsoftError(error) && error.kind === 'auth') onAuthFailure(error, signInsAtStart);
          throw error;
        });
      };
    },
  });
}
