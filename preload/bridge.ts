/**
 * Builds `window.hubdesk` from two primitives, `invoke` and `subscribe`, in the page's own world.
 *
 * In Electron this function is handed to `contextBridge.executeInMainWorld`, which serializes it:
 * it must not reference anything outside its own body. Running it in the page's world is what lets
 * a rejected call carry `code` and `details`: an `Error` that crosses contextBridge loses every
 * property but its message, so the `Error` is built here, after the envelope has crossed as data.
 * The browser host calls the same function directly with a WebSocket transport.
 */
import type { Envelope } from './errors';

export type Invoke = (name: string, args: unknown[]) => Promise<Envelope<unknown>>;
export type Subscribe = (event: string, handler: (payload: unknown) => void) => () => void;

export interface HubdeskError extends Error {
  code: string;
  details: unknown;
}

export function installHubdesk(
  invoke: Invoke,
  subscribe: Subscribe,
  areas: readonly string[],
  methodNames: readonly string[],
): void {
  const api: Record<string, Record<string, unknown> | unknown> = {};
  const groups: Record<string, Record<string, unknown>> = {};
  for (const area of areas) groups[area] = {};

  const toError = (code: string, message: string, details: unknown): HubdeskError => {
    const error = new Error(message) as HubdeskError;
    error.name = 'HubdeskError';
    error.code = code;
    error.details = details;
    return error;
  };

  for (const name of methodNames) {
    const dot = name.indexOf('.');
    const group = groups[name.slice(0, dot)];
    if (!group) continue;
    group[name.slice(dot + 1)] = async (...args: unknown[]): Promise<unknown> => {
      const envelope: unknown = await invoke(name, args);
      if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope)) {
        throw toError('internal', 'Resposta inválida do processo principal.', undefined);
      }
      const result = envelope as Envelope<unknown>;
      if (result.ok) return result.value;
      throw toError(result.error.code, result.error.message, result.error.details);
    };
  }

  for (const area of areas) api[area] = Object.freeze(groups[area]);
  api.on = (event: string, handler: (payload: unknown) => void): (() => void) => {
    if (typeof handler !== 'function')
      throw new TypeError('hubdesk.on: handler must be a function');
    return subscribe(event, handler);
  };

  Object.defineProperty(globalThis, 'hubdesk', {
    value: Object.freeze(api),
    enumerable: true,
    configurable: false,
    writable: false,
  });
}
