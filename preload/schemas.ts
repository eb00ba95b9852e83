/**
 * The zod schemas of the contract's inputs. Every string has a bound, every object is strict, so a
 * hostile or buggy caller gets a validation error, never a service call with surprising data.
 */
import { z } from 'zod';

/** Generous for any text an agent types, small enough that no call can exhaust main's memory. */
export const maxTextLength = 20_000;
/** The largest attachment HubDesk queues; bigger files are refused before queueing. */
export const maxAttachmentBytes = 20 * 1024 * 1024;

const boundedId = z.string().min(1).max(128);

export const ticketKey = boundedId;
export const profileId = boundedId;
export const stagedId = boundedId;
export const actionId = z.number().int().positive();
export const serverId = z.number().int().positive();

/** Text the agent typed: kept as typed, but not empty once trimmed. */
export const agentText = z
  .string()
  .max(maxTextLength)
  .refine((text) => text.trim().length > 0, { message: 'O texto não pode ficar vazio.' });

export const loginInput = z
  .object({
    baseUrl: z.string().min(1).max(2048),
    clientId: z.string().min(1).max(256),
    clientSecret: z.string().min(1).max(1024),
    username: z.string().min(1).max(320),
    password: z.string().min(1).max(1024),
    remember: z.boolean(),
  })
  .strict();

export const connectionInput = loginInput.omit({ remember: true });

export const reauthInput = loginInput.pick({ password: true, remember: true }).strict();

export const logoutInput = z.object({ purgeCache: z.boolean() }).strict();

export const ticketListQuery = z
  .object({
    status: z.enum(['open', 'closed', 'all']).optional(),
    statusIds: z.array(serverId).max(100).optional(),
    typeIds: z.array(serverId).max(100).optional(),
    mine: z.boolean().optional(),
    openedFrom: z.iso.datetime().optional(),
    openedTo: z.iso.datetime().optional(),
    search: z.string().max(200).optional(),
    includeServerDrafts: z.boolean().optional(),
    sort: z.enum(['opened_desc', 'opened_asc', 'sla', 'updated_desc']).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(512).nullable().optional(),
    view: z.enum(['due_soon', 'breached', 'unassigned', 'awaiting_customer']).optional(),
    closedFrom: z.iso.datetime().optional(),
  })
  .strict();

/** The start of the agent's day, for the "fechados hoje" count. */
export const viewCountsInput = z.object({ dayStart: z.iso.datetime() }).strict();

export const searchOptions = z
  .object({ limit: z.number().int().min(1).max(200).optional() })
  .strict();

/** Drafts are keyed by what they belong to: `reply:<ticketKey>`, `close:<ticketKey>`, `new-ticket`. */
export const draftKey = z.string().regex(/^(reply|close|update):[\w:.-]{1,128}$|^new-ticket$/);

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().max(maxTextLength),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue).max(100),
    z.record(z.string().max(100), jsonValue),
  ]),
);
export const draftValue = jsonValue;

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

export const updateInput = z
  .object({
    statusId: serverId.optional(),
    typeId: serverId.optional(),
    description: agentText.optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: 'Nada para alterar.' });

export const closeInput = z
  .object({
    reasonId: serverId.nullable().optional(),
    description: z.string().max(maxTextLength).nullable().optional(),
    /** HubSoft's `status_fechamento`: done or not done (facts 25, 43), never a status prefix. */
    closingStatus: z.enum(['concluido', 'sem_conclusao']).nullable().optional(),
  })
  .strict();

export const stageInput = z
  .object({
    name: z.string().min(1).max(255),
    mimeType: z.string().max(255),
    /** The file's bytes, base64: the same on Electron IPC and the browser host's JSON. */
    base64: z.string().max(Math.ceil(maxAttachmentBytes / 3) * 4 + 4),
  })
  .strict();

export const customerSearchInput = z
  .object({
    by: z.enum(['document', 'code', 'name', 'phone']),
    term: z.string().trim().min(1).max(100),
  })
  .strict();

export const outboxEditInput = z.object({ text: agentText }).strict();

/** The sync window: how many days of tickets (by opening date) the cache keeps. */
export const syncWindowDays = z.number().int().min(7).max(730);
