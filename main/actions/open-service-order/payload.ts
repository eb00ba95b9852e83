/**
 * Opening a service order (O.S.) from a ticket (fact 41): its type, one technician, the
 * scheduled day and hours, the periods the customer is available, and what is to be done. Day
 * and hours are the provider's wall clock, as HubSoft takes them (naive local time, fact 47).
 */
import { z } from 'zod';
import { agentText, serverId } from '../../../preload/input-primitives';

export interface OpenServiceOrderPayload {
  typeId: number;
  technicianId: number;
  /** `YYYY-MM-DD`. */
  scheduledDate: string;
  /** `HH:MM`. */
  startTime: string;
  /** `HH:MM`, after `startTime`. */
  endTime: string;
  /** Period prefixes from the `disponibilidade` list (`manha`, `tarde`, ...), fact 41. */
  availability: string[];
  description: string;
}

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const periodPrefix = z.string().regex(/^[a-z_]{1,40}$/);

/** The contract's input. */
export const openServiceOrderInput = z
  .object({
    typeId: serverId,
    technicianId: serverId,
    scheduledDate: day,
    startTime: time,
    endTime: time,
    availability: z.array(periodPrefix).max(10),
    description: agentText,
  })
  .strict()
  .refine((input) => input.startTime < input.endTime, {
    message: 'O horário de término deve ser depois do início.',
    path: ['endTime'],
  });

/** As the outbox row keeps it. */
export const openServiceOrderPayload: z.ZodType<OpenServiceOrderPayload> = z.object({
  typeId: z.number().int(),
  technicianId: z.number().int(),
  scheduledDate: day,
  startTime: time,
  endTime: time,
  availability: z.array(z.string()),
  description: z.string().min(1),
});
