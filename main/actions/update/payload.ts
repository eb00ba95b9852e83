/** A change of a ticket's status, type or opening text (fact 25, `fechar_atendimento: false`). */
import { z } from 'zod';
import { agentText, serverId } from '../../../preload/input-primitives';

export interface UpdatePayload {
  statusId?: number | null;
  typeId?: number | null;
  description?: string | null;
}

/** The contract's input: at least one field. */
export const updateInput = z
  .object({
    statusId: serverId.optional(),
    typeId: serverId.optional(),
    description: agentText.optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: 'Nada para alterar.' });

const optionalId = z.number().int().nullable().optional();

/** As the outbox row keeps it. */
export const updatePayload: z.ZodType<UpdatePayload> = z.object({
  statusId: optionalId,
  typeId: optionalId,
  description: z.string().nullable().optional(),
});
