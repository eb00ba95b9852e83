/**
 * The repository methods the store worker answers. Shared by the worker and its client; only a
 * type import of the core, so the main thread never loads better-sqlite3.
 */
import type { StoreCore } from './core';

export const storeMethods = [
  'upsertRemoteTickets',
  'writeTicketListPage',
  'upsertTicketDetail',
  'getTicket',
  'findTicketKey',
  'listTickets',
  'listCustomerTickets',
  'getTicketSummaries',
  'searchTickets',
  'countTicketViews',
  'markTicketViewed',
  'ticketsToRefresh',
  'markTicketGone',
  'isTicketGone',
  'sweepGoneTickets',
  'openingTextCandidates',
  'openingTextCoverage',
  'rekeyTicket',
  'getDraft',
  'saveDraft',
  'discardDraft',
  'enqueueAction',
  'enqueueActions',
  'getAction',
  'listActions',
  'listRecentActions',
  'nextSendableActions',
  'markActionSending',
  'markActionSent',
  'scheduleActionRetry',
  'markActionFailed',
  'markActionNeedsAttention',
  'getActionReadBackState',
  'setActionReadBackState',
  'getActionLookBaseline',
  'retryAction',
  'discardAction',
  'undoLocalChange',
  'stageAttachment',
  'getStagedAttachments',
  'listStagedAttachments',
  'removeStagedAttachment',
  'getCheckpoint',
  'setCheckpoint',
  'getSetting',
  'setSetting',
  'getConfigList',
  'setConfigList',
  'upsertCustomers',
  'searchCustomers',
  'getCustomerByService',
  'purgeCache',
] as const satisfies readonly (keyof StoreCore)[];

export type StoreMethod = (typeof storeMethods)[number];

type MethodOf<M extends StoreMethod> = StoreCore[M] extends (...args: infer A) => infer R
  ? (...args: A) => Promise<R>
  : never;

/** The same methods, answered by the worker: every one returns a promise. */
export type StoreMethods = { [M in StoreMethod]: MethodOf<M> };

const methodSet = new Set<string>(storeMethods);

export function isStoreMethod(name: unknown): name is StoreMethod {
  return typeof name === 'string' && methodSet.has(name);
}
