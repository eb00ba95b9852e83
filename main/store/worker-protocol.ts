/** Messages between the store client (main thread) and the store worker. */
import { z } from 'zod';
import { storeErrorCodes, type StoreErrorData } from './errors';
import type { IntegrityVerdict, OpenReport } from './types';

/** `store` answers repository calls; `check` reads the whole file once and reports. */
export const workerDataSchema = z.object({
  file: z.string().min(1),
  mode: z.enum(['store', 'check']),
});
export type StoreWorkerData = z.infer<typeof workerDataSchema>;

/**
 * Calls whose arguments are big, plain JSON (a sync page: 1.4 MB for 500 tickets with their
 * messages). They cross as UTF-8 bytes whose buffer is transferred, not copied: the main thread
 * pays a JSON.stringify (about half a structured clone of the same objects, measured in
 * bench/page-cost.ts) and the worker does the parsing.
 */
export const packedMethods: ReadonlySet<string> = new Set(['upsertRemoteTickets']);

/**
 * Calls whose first argument carries a body as `bytes` (a list page as the server sent it): the
 * bytes' buffer is transferred to the worker, not copied, and the caller must not touch it again.
 */
export const bytesMethods: ReadonlySet<string> = new Set(['writeTicketListPage']);

export const requestSchema = z.union([
  z.object({
    type: z.literal('call'),
    id: z.number().int(),
    method: z.string(),
    args: z.array(z.unknown()),
  }),
  z.object({
    type: z.literal('packed_call'),
    id: z.number().int(),
    method: z.string(),
    /** The arguments array as UTF-8 JSON. */
    args: z.instanceof(Uint8Array),
  }),
  z.object({ type: z.literal('close'), id: z.number().int() }),
]);
export type WorkerRequest = z.infer<typeof requestSchema>;

const errorSchema = z.object({ code: z.enum(storeErrorCodes), message: z.string() });

export const replySchema = z.union([
  z.object({ type: z.literal('opened'), report: z.custom<OpenReport>() }),
  z.object({ type: z.literal('open_failed'), error: errorSchema }),
  z.object({ type: z.literal('result'), id: z.number().int(), value: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().int(), error: errorSchema }),
  z.object({ type: z.literal('checked'), verdict: z.enum(['healthy', 'damaged', 'unchecked']) }),
  z.object({ type: z.literal('loaded') }),
]);

export type WorkerReply =
  | { type: 'opened'; report: OpenReport }
  | { type: 'open_failed'; error: StoreErrorData }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: StoreErrorData }
  | { type: 'checked'; verdict: IntegrityVerdict }
  /** The check worker has its native binding loaded: from now on it may be stopped at once. */
  | { type: 'loaded' };
