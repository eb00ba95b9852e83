/**
 * The store's side of every action kind, by kind: what the store worker needs to queue, show,
 * take back and settle an action (see store-side.ts). The main process's side is registry.ts.
 */
import { attachStore } from './attach/store';
import { closeStore } from './close/store';
import { createStore } from './create/store';
import { openServiceOrderStore } from './open-service-order/store';
import { replyStore } from './reply/store';
import type { StoreSide } from './store-side';
import { updateStore } from './update/store';
import type { ActionKind } from '../store/types';

export const storeSides: { [K in ActionKind]: StoreSide<K> } = {
  create: createStore,
  reply: replyStore,
  attach: attachStore,
  update: updateStore,
  close: closeStore,
  open_service_order: openServiceOrderStore,
};

/** The side of one action's kind, typed for that action. */
export function storeSideOf<K extends ActionKind>(kind: K): StoreSide<K> {
  return storeSides[kind];
}

/** Kinds that change the ticket's own fields while they are open. */
export const fieldChangingKinds = (Object.keys(storeSides) as ActionKind[]).filter(
  (kind) => storeSides[kind].fields !== undefined,
);

/** Kinds that make their own ticket. */
export const ticketCreatingKinds = (Object.keys(storeSides) as ActionKind[]).filter(
  (kind) => storeSides[kind].createsTicket === true,
);
