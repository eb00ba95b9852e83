/** Files staged in the profile's folder, uploaded to a ticket in one request (fact 30). */
import { z } from 'zod';

export interface AttachPayload {
  stagedIds: string[];
}

/** As the outbox row keeps it; the contract takes the staged ids as a plain argument. */
export const attachPayload: z.ZodType<AttachPayload> = z.object({
  stagedIds: z.array(z.string()).min(1),
});
