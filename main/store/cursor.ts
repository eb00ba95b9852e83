/**
 * Keyset cursors for ticket lists: the sort key and row id of the last row shown, so the next
 * page starts right after it with an index seek instead of skipping rows with OFFSET. The total
 * counted for the first page rides along, so scrolling does not count the inbox again.
 */
import { z } from 'zod';
import { StoreError } from './errors';
import type { TicketSort } from './types';

const ticketSorts = ['opened_desc', 'opened_asc', 'sla', 'updated_desc'] as const;

const cursorSchema = z.object({
  sort: z.enum(ticketSorts),
  value: z.union([z.string().max(64), z.number()]),
  seq: z.number().int(),
  total: z.number().int().nonnegative(),
});

/** The SLA sort keys on a number, the others on a date string: a cursor must carry the right one. */
function valueFitsSort(cursor: ListCursor): boolean {
  return cursor.sort === 'sla'
    ? typeof cursor.value === 'number'
    : typeof cursor.value === 'string';
}

export type ListCursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** A cursor the app did not make is the caller's mistake (`invalid_input`), never a store failure. */
export function decodeCursor(text: string, sort: TicketSort): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.sort !== sort || !valueFitsSort(result.data)) {
    throw new StoreError('invalid_input', 'Posição da lista inválida; recarregue a lista.');
  }
  return result.data;
}
