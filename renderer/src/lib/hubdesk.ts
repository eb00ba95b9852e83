import type { HubdeskApi } from '../../../preload/contract';

declare global {
  interface Window {
    readonly hubdesk: HubdeskApi;
  }
}

/** The contract, as installed by the preload (Electron) or the host transport (browser host). */
export function hubdesk(): HubdeskApi {
  return window.hubdesk;
}

/** The `code` of a rejected call, as built on this side of the bridge. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}
