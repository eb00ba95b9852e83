/**
 * The inbox page: 100 rows, filtered and sorted, over the cached tickets. Measured through
 * StoreCore.listTickets as the store worker runs it, against baselines run in the same process:
 * the same queries with the indexes switched off (NOT INDEXED), and a deep page asked by OFFSET
 * instead of by the keyset cursor the app uses.
 * Run alone with `npx tsx bench/inbox.ts [--quick]`.
 */
import Database from 'better-sqlite3';
import { StoreCore } from '../main/store/core';
import { summaryColumns } from '../main/store/ticket-rows';
import type { TicketListQuery } from '../main/store/types';
import { isMainModule, runStandalone, type Scale } from './lib/main-module';
import type { BenchRow } from './lib/result';
import { round, summarize, timeEach, type Timings } from './lib/stats';
import { ensureDataset } from './lib/store-dataset';
import { datasetSpec } from './search';

const pageSize = 100;

/** What an agent's inbox asks: the default view, the usual filters and every sort. */
const views: TicketListQuery[] = [
  {},
  { status: 'open' },
  { status: 'open', sort: 'sla' },
  { status: 'closed', sort: 'opened_asc' },
  { statusIds: [23, 24], status: 'open' },
  { typeIds: [127], status: 'all' },
  { responsibleUserId: 7, status: 'open' },
  { openedFrom: '2025-02-01T00:00:00.000Z', openedTo: '2025-03-01T00:00:00.000Z' },
  { sort: 'updated_desc' },
];

const sortColumns = {
  opened_desc: 't.opened_at DESC, t.seq DESC',
  opened_asc: 't.opened_at ASC, t.seq ASC',
  sla: 't.sla_sort ASC, t.seq ASC',
  updated_desc: 't.updated_at DESC, t.seq DESC',
} as const;

/** The SQL ticket-reads.ts builds for a view, written out here so a baseline can change it. */
function viewSql(view: TicketListQuery, indexed: boolean) {
  const filters: string[] = [];
  const params: unknown[] = [];
  const tickets = indexed ? 'tickets t' : 'tickets t NOT INDEXED';
  let from = tickets;
  if (view.status === 'open') filters.push('t.is_closed = 0');
  if (view.status === 'closed') filters.push('t.is_closed = 1');
  if (view.statusIds?.length) {
    filters.push(`t.status_id IN (${view.statusIds.map(() => '?').join(', ')})`);
    params.push(...view.statusIds);
  }
  if (view.typeIds?.length) {
    filters.push(`t.type_id IN (${view.typeIds.map(() => '?').join(', ')})`);
    params.push(...view.typeIds);
  }
  if (view.responsibleUserId !== undefined) {
    from = `ticket_responsibles r JOIN ${tickets} ON t.seq = r.ticket_seq`;
    filters.push('r.user_id = ?');
    params.push(view.responsibleUserId);
  }
  if (view.openedFrom) {
    filters.push('t.opened_at >= ?');
    params.push(view.openedFrom);
  }
  if (view.openedTo) {
    filters.push('t.opened_at <= ?');
    params.push(view.openedTo);
  }
  const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
  const order = sortColumns[view.sort ?? 'opened_desc'];
  return {
    count: `SELECT count(*) FROM ${from} ${where}`,
    page: `SELECT ${summaryColumns} FROM ${from} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params,
  };
}

export async function benchInbox(scale: Scale): Promise<BenchRow[]> {
  const spec = datasetSpec(scale);
  const dataset = ensureDataset(spec);
  const store = StoreCore.open(dataset.file);
  const raw = new Database(dataset.file, { readonly: true });
  try {
    const runs = scale.quick ? 60 : 180;
    const scanRuns = scale.quick ? 9 : 18;
    const depth = Math.floor(spec.tickets / 4);

    // View by view, so the details say which filter or sort costs what.
    const first: Timings = { wall: [], cpu: [] };
    const perView = views.map((view) => {
      const timings = timeEach(runs / views.length, () =>
        store.listTickets({ ...view, limit: pageSize }),
      );
      first.wall.push(...timings.wall);
      first.cpu.push(...timings.cpu);
      return {
        view: JSON.stringify(view),
        total: store.listTickets({ ...view, limit: 1 }).total,
        p95: round(summarize(timings.wall).p95),
        cpuP95: round(summarize(timings.cpu).p95),
      };
    });
    const unindexed = views.map((view) => {
      const sql = viewSql(view, false);
      const count = raw.prepare(sql.count).pluck();
      const page = raw.prepare(sql.page);
      return () => {
        count.get(...sql.params);
        page.all(...sql.params, pageSize + 1, 0);
      };
    });
    const firstBaseline = timeEach(scanRuns, (run) => unindexed[run % views.length]?.(), 1);
    await new Promise((resolve) => setImmediate(resolve));

    // A deep page: where an agent who scrolled a quarter of the list is.
    const deep = views.map((view) => {
      let cursor: string | null = null;
      let reached = 0;
      const total = store.listTickets({ ...view, limit: pageSize }).total;
      const target = Math.min(depth, Math.max(0, total - pageSize));
      while (reached < target) {
        const page = store.listTickets({ ...view, limit: pageSize, cursor });
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
        reached += page.items.length;
      }
      const sql = viewSql(view, true);
      const offsetPage = raw.prepare(sql.page);
      return {
        byCursor: () => store.listTickets({ ...view, limit: pageSize, cursor }),
        byOffset: () => offsetPage.all(...sql.params, pageSize + 1, reached),
      };
    });
    const next = timeEach(runs, (run) => deep[run % views.length]?.byCursor());
    const nextBaseline = timeEach(runs / 3, (run) => deep[run % views.length]?.byOffset());

    const firstSummary = summarize(first.wall);
    const firstCpu = summarize(first.cpu);
    const firstBase = summarize(firstBaseline.wall);
    const nextSummary = summarize(next.wall);
    const nextCpu = summarize(next.cpu);
    const nextBase = summarize(nextBaseline.wall);
    const cpuNote = (cpu: typeof firstCpu) =>
      `CPU time p50 ${round(cpu.median)} ms, p95 ${round(cpu.p95)} ms`;
    const label = `${spec.tickets / 1000}k tickets`;
    return [
      {
        id: 'inbox.first-page',
        name: `Inbox first page of ${pageSize}, with exact total (${label})`,
        budget: 'p95 < 5 ms',
        unit: 'ms',
        median: round(firstSummary.median),
        p95: round(firstSummary.p95),
        baseline: { name: 'same SQL NOT INDEXED, median', value: round(firstBase.median) },
        ratio: round(firstBase.median / firstSummary.median, 1),
        ratioMeaning: 'faster',
        within: firstSummary.p95 < 5,
        note:
          `${views.length} views (filters and sorts); the exact total is a count(*) over the ` +
          `covering index; ${cpuNote(firstCpu)}`,
        details: { perView, baselineP95: round(firstBase.p95) },
      },
      {
        id: 'inbox.next-page',
        name: `Inbox page of ${pageSize} at row ${depth}, by cursor (${label})`,
        budget: 'p95 < 5 ms',
        unit: 'ms',
        median: round(nextSummary.median),
        p95: round(nextSummary.p95),
        baseline: { name: 'OFFSET page, median', value: round(nextBase.median) },
        ratio: round(nextBase.median / nextSummary.median, 1),
        ratioMeaning: 'faster',
        within: nextSummary.p95 < 5,
        note: `keyset cursor (sort value, seq) carries the total, so no count; ${cpuNote(nextCpu)}`,
        details: { baselineP95: round(nextBase.p95) },
      },
    ];
  } finally {
    raw.close();
    store.close();
  }
}

if (isMainModule(import.meta.url)) runStandalone(benchInbox);
