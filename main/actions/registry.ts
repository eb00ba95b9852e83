/**
 * Every action kind, by kind: its payload (payloads.ts), its store side (store-registry.ts, run
 * in the store worker) and, here, its delivery side, run by the outbox sender in the main
 * process. A new kind is a folder beside these files plus one line in each registry.
 */
import { attachDelivery } from './attach/delivery';
import { closeDelivery } from './close/delivery';
import { createDelivery } from './create/delivery';
import type { DeliverySide } from './delivery-side';
import { openServiceOrderDelivery } from './open-service-order/delivery';
import { replyDelivery } from './reply/delivery';
import type { ActionKind, OutboxAction } from '../store/types';
import { updateDelivery } from './update/delivery';

export const deliverySides: { [K in ActionKind]: DeliverySide<K> } = {
  create: createDelivery,
  reply: replyDelivery,
  attach: attachDelivery,
  update: updateDelivery,
  close: closeDelivery,
  open_service_order: openServiceOrderDelivery,
};

/** The delivery side of this action's kind: each side only ever meets its own kind. */
export function deliveryOf(action: OutboxAction): DeliverySide<ActionKind> {
  return deliverySides[action.kind] as unknown as DeliverySide<ActionKind>;
}
