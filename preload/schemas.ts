/**
 * The zod schemas of the contract's inputs. Every string has a bound, every object is strict, so a
 * hostile or buggy caller gets a validation error, never a service call with surprising data.
 */
import { z } from 'zod';
import { agentText, maxTextLength, serverId } from './input-primitives';

export { agentText, maxTextLength, serverId } from './input-primitives';
export { closeInput } from '../main/actions/close/payload';
export { createInput } from '../main/actions/create/payload';
export { openServiceOrderInput } from '../main/actions/open-service-order/payload';
export { updateInput } from '../main/actions/update/payload';
/** The largest attachment HubDesk queues; bigger files are refused before queueing. */
export const maxAttachmentBytes = 20 * 1024 * 1024;

const boundedId = z.string().min(1).max(128);

export const ticketKey = boundedId;
export const profileId = boundedId;
export const stagedId = boundedId;
export const actionId = z.number().int().positive();

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
