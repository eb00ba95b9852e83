/**
 * Which page of `/atendimento/todos` the backfill asks for next. The list is addressed by
 * (page, page size), so a page of size s can only start at a multiple of s: every size is a
 * multiple of the smallest, every page starts on a boundary of it, and a bigger size is used only
 * where the position allows it. What was fetched is kept as spans of list positions, so pages
 * may finish out of order, the size may change between pages, and a restart skips what is done.
 *
 * The list is in creation order, oldest first (fact 31 gives no way to ask for another order),
 * so the plan walks it from the end: once the total is known, the highest gap goes first, and
 * the newest tickets land in the inbox before the older ones fill in behind.
 */

/**
 * Page sizes to move between. Pages carry the customer, responsible users and messages
 * (list-relations.ts), and fact 49 says 500 of those "por vezes estoura o timeout": so a plan
 * starts at 100, what integrators use with relations, grows only while pages answer fast, and
 * steps down on a slow page or a timeout. 500 is HubSoft's maximum.
 */
export const pageSizeLadder = [100, 200, 300, 400, 500] as const;
const smallestSize = pageSizeLadder[0];
const largestSize = pageSizeLadder[pageSizeLadder.length - 1] ?? smallestSize;

/** A page answered faster than this earns a bigger size; slower than `slowPageMs`, a smaller one. */
const fastPageMs = 2_000;
const slowPageMs = 10_000;

/** List positions [start, end). */
export interface Span {
  start: number;
  end: number;
}

export interface PlannedPage {
  /** Position of the page's first ticket in the list. */
  offset: number;
  size: number;
  /** 0-based page number for that size. */
  page: number;
}

/** What a checkpoint keeps of a plan. */
export interface PlanState {
  /** Tickets in the window, as the server last said; null before the first answer. */
  total: number | null;
  preferredSize: number;
  done: Span[];
  pagesDone: number;
}

export function emptyPlanState(): PlanState {
  return { total: null, preferredSize: smallestSize, done: [], pagesDone: 0 };
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function rungAbove(size: number): number {
  return pageSizeLadder.find((rung) => rung > size) ?? largestSize;
}

function rungBelow(size: number): number {
  return [...pageSizeLadder].reverse().find((rung) => rung < size) ?? smallestSize;
}

/** Start of the last page of `size` for a list of `total` positions. */
function lastPageStart(total: number, size: number): number {
  return Math.max(0, Math.floor((total - 1) / size) * size);
}

/** The highest run of positions below `total` that no span covers; spans merged and sorted. */
function highestGap(taken: Span[], total: number): Span | null {
  let end = total;
  for (let index = taken.length - 1; index >= 0; index -= 1) {
    const span = taken[index];
    if (!span) continue;
    if (span.end < end) return { start: span.end, end };
    end = Math.min(end, span.start);
  }
  return end > 0 ? { start: 0, end } : null;
}

export class PagePlan {
  private total: number | null;
  private preferredSize: number;
  private done: Span[];
  private pagesDone: number;
  private readonly inFlight = new Set<PlannedPage>();

  constructor(state: PlanState) {
    this.total = state.total;
    this.preferredSize = pageSizeLadder.find((rung) => rung === state.preferredSize)
      ? state.preferredSize
      : smallestSize;
    // Spans from a checkpoint start on a page boundary; one that does not is dropped, not trusted.
    this.done = merge(
      state.done.filter((span) => span.start % smallestSize === 0 && span.end % smallestSize === 0),
    );
    this.pagesDone = state.pagesDone;
  }

  get finished(): boolean {
    if (this.total === null) return false;
    const first = this.done[0];
    return (
      this.total === 0 || (first !== undefined && first.start === 0 && first.end >= this.total)
    );
  }

  /** Tickets of the window already written. */
  get covered(): number {
    const total = this.total ?? 0;
    return this.done.reduce(
      (sum, span) => sum + Math.max(0, Math.min(span.end, total) - span.start),
      0,
    );
  }

  get knownTotal(): number | null {
    return this.total;
  }

  /** The server told how many tickets the window holds, before any page was fetched. */
  learnTotal(total: number): void {
    this.total = total;
  }

  /**
   * The next page to fetch, newest first, or null when nothing can start now: everything is done
   * or in flight, or the total is still unknown (`learnTotal` comes first). The page ends where
   * the highest gap ends: at the list's end, or where a page already fetched or in flight starts.
   */
  next(): PlannedPage | null {
    if (this.total === null) return null;
    const taken = merge([
      ...this.done,
      ...[...this.inFlight].map((page) => ({ start: page.offset, end: page.offset + page.size })),
    ]);
    const gap = highestGap(taken, this.total);
    if (!gap) return null;
    const fitting = pageSizeLadder.filter((size) => size <= this.preferredSize).reverse();
    const total = this.total;
    let page: PlannedPage;
    if (gap.end >= total) {
      // The list's last page for the size: nothing lies above it, so any size fits.
      const size =
        fitting.find((candidate) => lastPageStart(total, candidate) >= gap.start) ?? smallestSize;
      const offset = lastPageStart(total, size);
      page = { offset, size, page: offset / size };
    } else {
      // Below a fetched span: a page that ends exactly where it starts, so nothing is asked twice.
      const size =
        fitting.find(
          (candidate) => gap.end % candidate === 0 && gap.end - candidate >= gap.start,
        ) ?? smallestSize;
      const offset = gap.end - size;
      page = { offset, size, page: offset / size };
    }
    this.inFlight.add(page);
    return page;
  }

  /** The page's tickets are written; the server's total and the page's time tune what comes next. */
  complete(page: PlannedPage, answer: { total: number; durationMs: number }): void {
    this.inFlight.delete(page);
    this.done = merge([...this.done, { start: page.offset, end: page.offset + page.size }]);
    this.total = answer.total;
    this.pagesDone += 1;
    if (answer.durationMs < fastPageMs) this.preferredSize = rungAbove(this.preferredSize);
    else if (answer.durationMs > slowPageMs) this.preferredSize = rungBelow(this.preferredSize);
  }

  /** The page was not fetched; it goes back to be asked again, smaller after a timeout. */
  fail(page: PlannedPage, reason: 'timeout' | 'other'): void {
    this.inFlight.delete(page);
    if (reason === 'timeout') this.preferredSize = rungBelow(page.size);
  }

  snapshot(): PlanState {
    return {
      total: this.total,
      preferredSize: this.preferredSize,
      done: this.done.map((span) => ({ ...span })),
      pagesDone: this.pagesDone,
    };
  }
}
