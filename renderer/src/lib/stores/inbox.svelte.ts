/**
 * The inbox: tickets from the local cache, page by page (keyset cursor) as the agent scrolls,
 * with filters, sort and an instant full-text search.
 */
import type { z } from 'zod';
import type { ticketListQuery } from '../../../../preload/schemas';
import type { SearchHit, TicketSummary } from '../../../../preload/types';
import { dayBoundary, startOfToday } from '../format';
import {
  defaultFilters,
  savedViewPrefix,
  storedSelection,
  storeSelection,
  viewFilters,
  type BuiltInView,
  type InboxFilters,
} from '../inbox-filters';
import { hubdesk } from '../hubdesk';
import { errorMessage } from '../hubdesk-call';

const pageSize = 100;
/** The most rows one refetch brings back after a bulk change (the contract's page limit). */
const maxRefetch = 500;

type ListQuery = z.input<typeof ticketListQuery>;

/** The contract query for a set of filters; saved views are counted with it too. */
export function listQuery(filters: InboxFilters): ListQuery {
  const query: ListQuery = { status: filters.status, sort: filters.sort, mine: filters.mine };
  if (filters.typeId !== null) query.typeIds = [filters.typeId];
  if (filters.statusId !== null) query.statusIds = [filters.statusId];
  const from = dayBoundary(filters.openedFrom, 'start');
  const to = dayBoundary(filters.openedTo, 'end');
  if (from) query.openedFrom = from;
  if (to) query.openedTo = to;
  if (filters.view !== null) query.view = filters.view;
  if (filters.closedToday) query.closedFrom = startOfToday();
  return query;
}

function summaryOf(ticket: TicketSummary): TicketSummary {
  const { key, id, protocol, openedAt, closedAt, status, type, customer, serviceId } = ticket;
  const { openedAtPrecision, closedAtPrecision } = ticket;
  const { description, sla, responsibleUserIds, responsibleNames, serverDraft } = ticket;
  const { attachmentCount } = ticket;
  const { pendingCount, lastMessage, lastOthersMessageAt, hasReplyDraft } = ticket;
  const { updatedAt, lastViewedAt, detailFetchedAt } = ticket;
  return {
    key,
    id,
    protocol,
    openedAt,
    openedAtPrecision,
    closedAt,
    closedAtPrecision,
    status,
    type,
    customer,
    serviceId,
    description,
    sla,
    responsibleUserIds,
    responsibleNames,
    serverDraft,
    attachmentCount,
    pendingCount,
    lastMessage,
    lastOthersMessageAt,
    hasReplyDraft,
    updatedAt,
    lastViewedAt,
    detailFetchedAt,
  };
}

const initial = storedSelection();

class InboxStore {
  filters = $state<InboxFilters>(initial.filters);
  /** The sidebar item these filters came from: a built-in view, `saved:<name>`, or null. */
  activeView = $state<string | null>(initial.view);
  /** Where the list was scrolled, so coming back to it (one-pane layout) lands in the same place. */
  scrollOffset = 0;
  items = $state.raw<TicketSummary[]>([]);
  total = $state(0);
  loading = $state(false);
  error = $state<string | null>(null);
  selected = $state(0);

  searchTerm = $state('');
  hits = $state.raw<SearchHit[]>([]);
  searching = $state(false);

  private cursor: string | null = null;
  /** Bumped by every reload so an answer to an older query is dropped. */
  private generation = 0;
  private searchGeneration = 0;
  private refetchTimer: ReturnType<typeof setTimeout> | null = null;

  start(): () => void {
    const off = hubdesk().on('tickets', ({ keys, textOnly }) => {
      if (keys === 'all') this.scheduleRefetch();
      else void this.refreshKeys(keys, textOnly === true);
    });
    void this.reload();
    return () => {
      off();
      if (this.refetchTimer) clearTimeout(this.refetchTimer);
    };
  }

  /** A change made in the filter panel: the list is no longer one of the sidebar's views. */
  setFilters(next: Partial<InboxFilters>): void {
    this.show({ ...this.filters, ...next }, null);
  }

  showView(view: BuiltInView): void {
    this.show(viewFilters(view), view);
  }

  showSavedView(name: string, filters: InboxFilters): void {
    this.show({ ...filters }, `${savedViewPrefix}${name}`);
  }

  clearFilters(): void {
    this.show({ ...defaultFilters, sort: this.filters.sort }, null);
  }

  private show(filters: InboxFilters, view: string | null): void {
    this.filters = filters;
    this.activeView = view;
    this.selected = 0;
    this.scrollOffset = 0;
    storeSelection({ filters, view });
    void this.reload(pageSize, false);
  }

  /** `keepCursor`: the cursor stays on its ticket (a refetch); false for a new list (filters). */
  async reload(limit = pageSize, keepCursor = true): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      const page = await hubdesk().tickets.list({ ...listQuery(this.filters), limit });
      if (generation !== this.generation) return;
      // The cursor stays on its ticket, not on its position: tickets sync brings in land above it.
      const selectedKey = keepCursor ? this.items[this.selected]?.key : undefined;
      const kept =
        selectedKey === undefined ? -1 : page.items.findIndex((item) => item.key === selectedKey);
      this.items = page.items;
      this.total = page.total;
      this.cursor = page.nextCursor;
      this.error = null;
      this.selected =
        kept >= 0 ? kept : Math.min(this.selected, Math.max(0, page.items.length - 1));
    } catch (error) {
      if (generation === this.generation) this.error = errorMessage(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** The next page, when the agent scrolls near the end of what is loaded. */
  async loadMore(): Promise<void> {
    if (this.loading || this.cursor === null) return;
    const generation = this.generation;
    this.loading = true;
    try {
      const page = await hubdesk().tickets.list({
        ...listQuery(this.filters),
        limit: pageSize,
        cursor: this.cursor,
      });
      if (generation !== this.generation) return;
      this.items = [...this.items, ...page.items];
      this.total = page.total;
      this.cursor = page.nextCursor;
    } catch (error) {
      if (generation === this.generation) this.error = errorMessage(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** A sync wrote many tickets: refetch what is shown once the burst of events settles. */
  private scheduleRefetch(): void {
    if (this.refetchTimer) clearTimeout(this.refetchTimer);
    this.refetchTimer = setTimeout(() => {
      this.refetchTimer = null;
      void this.reload(Math.min(maxRefetch, Math.max(pageSize, this.items.length)));
      if (this.searchTerm.trim()) void this.search(this.searchTerm);
    }, 250);
  }

  /** These tickets changed (or the agent left one): their rows are read again. */
  async refreshKeys(keys: string[], textOnly = false): Promise<void> {
    const shown = new Set(this.items.map((item) => item.key));
    const unknown = keys.some((key) => !shown.has(key));
    // A ticket this list does not show may now match its filters (a new or reassigned one),
    // unless only text the filters ignore changed: the background filler's opening texts arrive
    // twice a second for a long while, and refetching the whole list for each is wasted work.
    if (unknown && !textOnly) {
      this.scheduleRefetch();
      return;
    }
    const wanted = keys.filter((key) => shown.has(key));
    if (wanted.length === 0) return;
    const fresh = await Promise.all(
      wanted.map((key) =>
        hubdesk()
          .tickets.get(key)
          .then(summaryOf, () => null),
      ),
    );
    const byKey = new Map(
      fresh.filter((t): t is TicketSummary => t !== null).map((t) => [t.key, t]),
    );
    this.items = this.items.map((item) => byKey.get(item.key) ?? item);
  }

  async search(term: string): Promise<void> {
    if (term !== this.searchTerm) this.selected = 0;
    this.searchTerm = term;
    const generation = ++this.searchGeneration;
    if (!term.trim()) {
      this.hits = [];
      this.searching = false;
      return;
    }
    this.searching = true;
    try {
      const hits = await hubdesk().tickets.search(term, { limit: 50 });
      if (generation === this.searchGeneration) {
        this.hits = hits;
        this.error = null;
      }
    } catch (error) {
      if (generation === this.searchGeneration) this.error = errorMessage(error);
    } finally {
      if (generation === this.searchGeneration) this.searching = false;
    }
  }

  /** The keys in view, in order: the search hits while searching, else the list. */
  get visibleKeys(): string[] {
    return this.searchTerm.trim()
      ? this.hits.map((hit) => hit.ticket.key)
      : this.items.map((item) => item.key);
  }

  /**
   * The ticket to go to after this one is closed: the next one in the list, else the one before.
   * It becomes the selection.
   */
  keyAfter(key: string): string | null {
    const keys = this.visibleKeys;
    const index = keys.indexOf(key);
    if (index === -1) return keys[this.selected] ?? null;
    const next = index + 1 < keys.length ? index + 1 : index - 1;
    if (next < 0) return null;
    this.selected = next;
    return keys[next] ?? null;
  }

  move(delta: number): void {
    const count = this.visibleKeys.length;
    if (count === 0) return;
    this.selected = Math.min(count - 1, Math.max(0, this.selected + delta));
    if (!this.searchTerm.trim() && this.selected >= this.items.length - 20) void this.loadMore();
  }
}

export const inbox = new InboxStore();
