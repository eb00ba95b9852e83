/** Closing a ticket with a reason and `status_fechamento` (facts 25, 43). */
import { z } from 'zod';
import { maxTextLength, serverId } from '../../../preload/input-primitives';

export interface ClosePayload {
  reasonId?: number | null;
  description?: string | null;
  /** HubSoft's `status_fechamento` (facts 25, 43). */
  closingStatus?: 'concluido' | 'sem_conclusao' | null;
}

/** The contract's input. */
export const closeInput = z
  .object({
    reasonId: serverId.nullable().optional(),
    description: z.string().max(maxTextLength).nullable().optional(),
    /** HubSoft's `status_fechamento`: done or not done (facts 25, 43), never a status prefix. */
    closingStatus: z.enum(['concluido', 'sem_conclusao']).nullable().optional(),
  })
  .strict();

/** As the outbox row keeps it. */
export const closePayload: z.ZodType<ClosePayload> = z.object({
  reasonId: z.number().int().nullable().optional(),
  description: z.string().nullable().optional(),
  // An action queued before this rule may hold a status prefix: it is sent without one, and
  // the server applies its default.
  closingStatus: z.enum(['concluido', 'sem_conclusao']).nullable().optional().catch(null),
});
