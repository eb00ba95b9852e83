/**
 * The inbox's filters: their shape (checked when read back from this machine's storage, so a
 * value saved by an older version or edited by hand falls back to the default instead of
 * breaking the inbox), their default, and the sidebar's built-in views as filter presets.
 */
import { z } from 'zod';
import { readStored, writeStored } from './local-store';

export const inboxFiltersSchema = z.object({
  status: z.enum(['open', 'closed', 'all']),
  // Filters saved before these existed have none.
  statusId: z.number().int().nullable().default(null),
  typeId: z.number().int().nullable(),
  mine: z.boolean(),
  /** `yyyy-MM-dd`, as a date input gives it; empty when unset. */
  openedFrom: z.string().max(10),
  openedTo: z.string().max(10),
  sort: z.enum(['opened_desc', 'opened_asc', 'sla', 'updated_desc']),
  view: z
    .enum(['due_soon', 'breached', 'unassigned', 'awaiting_customer'])
    .nullable()
    .default(null),
  /** Closed since the start of the agent's day, counted when the list loads. */
  closedToday: z.boolean().default(false),
});
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

export const defaultFilters: InboxFilters = {
  status: 'open',
  statusId: null,
  typeId: null,
  mine: false,
  openedFrom: '',
  openedTo: '',
  sort: 'opened_desc',
  view: null,
  closedToday: false,
};

/** The sidebar's views, in the order it lists them. */
export const builtInViews = [
  'mine_open',
  'due_soon',
  'breached',
  'unassigned',
  'awaiting_customer',
  'closed_today',
] as const;
export type BuiltInView = (typeof builtInViews)[number];

export function isBuiltInView(value: string | null): value is BuiltInView {
  return (builtInViews as readonly (string | null)[]).includes(value);
}

/** How a saved view is named as the inbox's active view. */
export const savedViewPrefix = 'saved:';

const viewPresets: Record<BuiltInView, Partial<InboxFilters>> = {
  mine_open: { status: 'open', mine: true },
  // Triage: the ticket closest to breaching on top.
  due_soon: { status: 'open', view: 'due_soon', sort: 'sla' },
  breached: { status: 'open', view: 'breached', sort: 'sla' },
  unassigned: { status: 'open', view: 'unassigned' },
  awaiting_customer: { status: 'open', view: 'awaiting_customer' },
  closed_today: { status: 'closed', closedToday: true },
};

/** A built-in view's filters: its preset over the defaults, nothing else kept. */
export function viewFilters(view: BuiltInView): InboxFilters {
  return { ...defaultFilters, ...viewPresets[view] };
}

/** How many filters differ from the default, for the one-line summary. */
export function activeFilterCount(filters: InboxFilters): number {
  const keys = Object.keys(defaultFilters) as (keyof InboxFilters)[];
  return keys.filter((key) => key !== 'sort' && filters[key] !== defaultFilters[key]).length;
}

/** Which sidebar item the filters are: a built-in view, a saved view (`saved:<name>`), or none. */
const selectionSchema = z.object({
  filters: inboxFiltersSchema,
  view: z.string().max(100).nullable(),
});
export type InboxSelection = z.infer<typeof selectionSchema>;

const storageKey = 'hubdesk.inbox';

/** The filters and view the agent left the inbox with, so a restart comes back to them. */
export function storedSelection(): InboxSelection {
  const parsed = selectionSchema.safeParse(readStored(storageKey));
  return parsed.success ? parsed.data : { filters: { ...defaultFilters }, view: null };
}

export function storeSelection(selection: InboxSelection): void {
  writeStored(storageKey, selection);
}
