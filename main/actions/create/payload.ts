/** Opening a ticket for a customer's service (fact 20): what the agent asks, what the row keeps. */
import { z } from 'zod';
import { agentText, serverId } from '../../../preload/input-primitives';

export interface CreatePayload {
  serviceId: number;
  description: string;
  name: string;
  phone: string;
  email?: string | null;
  typeId?: number | null;
  statusId?: number | null;
  contactOriginId?: number | null;
  availabilityIds?: number[];
  responsibleUserIds?: number[];
  openServiceOrder?: boolean;
}

/** The contract's input: bounded and strict. */
export const createInput = z
  .object({
    serviceId: serverId,
    description: agentText,
    name: z.string().trim().min(1).max(200),
    phone: z.string().trim().min(1).max(40),
    email: z.email().max(320).nullable().optional(),
    typeId: serverId.nullable().optional(),
    statusId: serverId.nullable().optional(),
    contactOriginId: serverId.nullable().optional(),
    availabilityIds: z.array(serverId).max(20).optional(),
    responsibleUserIds: z.array(serverId).max(20).optional(),
    openServiceOrder: z.boolean().optional(),
  })
  .strict();

const optionalId = z.number().int().nullable().optional();

/** As the outbox row keeps it, read again whenever the row is. */
export const createPayload: z.ZodType<CreatePayload> = z.object({
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
});
