/**
 * Outbox payloads are validated when queued and again when read back: the file may have been
 * written by another version of the app, or salvaged from a damaged copy.
 */
import { z } from 'zod';
import { StoreError } from './errors';
import type { ActionKind, PayloadByKind } from './types';

const optionalId = z.number().int().nullable().optional();

export const payloadSchemas = {
  create: z.object({
    serviceId: z.number().int(),
    description: z.string(),
    name: z.string(),
    phone: z.string(),
    email: z.string().nullable().optional(),
    typeId: optionalId,
    statusId: optionalId,
    contactOriginId: optionalId,
    availabilityIds: z.array(z.number().int()).optional(),
    responsibleUserIds: z.array(z.number().int()).optional(),
    openServiceOrder: z.boolean().optional(),
  }),
  reply: z.object({ text: z.string().min(1) }),
  attach: z.object({ stagedIds: z.array(z.string()).min(1) }),
  update: z.object({
    statusId: optionalId,
    typeId: optionalId,
    description: z.string().nullable().optional(),
  }),
  close: z.object({
    reasonId: optionalId,
    description: z.string().nullable().optional(),
    // Facts 25, 43. An action queued before this rule may hold a status prefix: it is sent
    // without one, and the server applies its default.
    closingStatus: z.enum(['concluido', 'sem_conclusao']).nullable().optional().catch(null),
  }),
} satisfies { [K in ActionKind]: z.ZodType<PayloadByKind[K]> };

export function parsePayload<K extends ActionKind>(kind: K, value: unknown): PayloadByKind[K] {
  return payloadSchemas[kind].parse(value) as PayloadByKind[K];
}

/** For payloads coming from a caller: a bad one is the caller's error, not a storage failure. */
export function validatePayload<K extends ActionKind>(kind: K, value: unknown): PayloadByKind[K] {
  const result = payloadSchemas[kind].safeParse(value);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => issue.path.join('.') || kind).join(', ');
    throw new StoreError('invalid_input', `Dados inválidos para a ação (${fields}).`);
  }
  return result.data as PayloadByKind[K];
}
