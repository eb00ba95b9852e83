/** A message added to a ticket (fact 29). */
import { z } from 'zod';

export interface ReplyPayload {
  text: string;
}

/** As the outbox row keeps it; the contract takes the text as a plain argument. */
export const replyPayload: z.ZodType<ReplyPayload> = z.object({ text: z.string().min(1) });
