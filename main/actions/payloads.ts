/**
 * Every action kind's payload as the outbox row keeps it: validated when queued and again when
 * read, since the file may have been written by another version of the app, or salvaged. The
 * keys of this registry are the action kinds.
 */
import type { z } from 'zod';
import { attachPayload } from './attach/payload';
import { closePayload } from './close/payload';
import { createPayload } from './create/payload';
import { openServiceOrderPayload } from './open-service-order/payload';
import { replyPayload } from './reply/payload';
import { updatePayload } from './update/payload';

export const actionPayloads = {
  create: createPayload,
  reply: replyPayload,
  attach: attachPayload,
  update: updatePayload,
  close: closePayload,
  open_service_order: openServiceOrderPayload,
} as const;

export type ActionKind = keyof typeof actionPayloads;
export type PayloadByKind = { [K in ActionKind]: z.infer<(typeof actionPayloads)[K]> };

export const actionKinds = Object.keys(actionPayloads) as [ActionKind, ...ActionKind[]];

export type { AttachPayload } from './attach/payload';
export type { ClosePayload } from './close/payload';
export type { CreatePayload } from './create/payload';
export type { OpenServiceOrderPayload } from './open-service-order/payload';
export type { ReplyPayload } from './reply/payload';
export type { UpdatePayload } from './update/payload';
