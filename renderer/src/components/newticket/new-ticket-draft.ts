/** What the new-ticket form keeps in its draft (`new-ticket`): plain JSON, restored on open. */
import { z } from 'zod';

const draftCustomer = z.object({
  id: z.number(),
  name: z.string(),
  document: z.string().nullable(),
  services: z.array(
    z.object({
      id: z.number(),
      planName: z.string().nullable(),
      address: z.string().nullable(),
      status: z.string().nullable(),
    }),
  ),
});

const newTicketDraft = z.object({
  customer: draftCustomer.nullable(),
  serviceId: z.number().nullable(),
  description: z.string(),
  name: z.string(),
  phone: z.string(),
  email: z.string(),
  typeId: z.number().nullable(),
  statusId: z.number().nullable(),
  // Defaults keep drafts saved before these fields existed.
  contactOriginId: z.number().nullable().default(null),
  availabilityId: z.number().nullable().default(null),
  openServiceOrder: z.boolean(),
});
export type NewTicketDraft = z.infer<typeof newTicketDraft>;

export const emptyNewTicket: NewTicketDraft = {
  customer: null,
  serviceId: null,
  description: '',
  name: '',
  phone: '',
  email: '',
  typeId: null,
  statusId: null,
  contactOriginId: null,
  availabilityId: null,
  openServiceOrder: false,
};

export function acceptNewTicketDraft(stored: unknown): NewTicketDraft | null {
  const parsed = newTicketDraft.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
