import { describe, expect, it } from 'vitest';
import { emptyPlanState, PagePlan, type PlannedPage } from '../../../main/sync/page-plan';

const fast = 50;

function take(plan: PagePlan): PlannedPage {
  const page = plan.next();
  if (!page) throw new Error('expected a page');
  return page;
}

describe('backfill page plan', () => {
  it('asks for nothing until the total is known, then for the last page of 100 first', () => {
    const plan = new PagePlan(emptyPlanState());
    expect(plan.next()).toBeNull();
    plan.learnTotal(10_050);
    expect(take(plan)).toEqual({ offset: 10_000, size: 100, page: 100 });
  });

  it('walks from the end toward the start, growing toward 500 while pages come back fast', () => {
    const plan = new PagePlan(emptyPlanState());
    plan.learnTotal(10_000);
    const sizes: number[] = [];
    let previousOffset = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 12; i += 1) {
      const page = take(plan);
      expect(page.offset % page.size).toBe(0);
      expect(page.page).toBe(page.offset / page.size);
      expect(page.offset + page.size).toBeLessThanOrEqual(previousOffset);
      previousOffset = page.offset;
      sizes.push(page.size);
      plan.complete(page, { total: 10_000, durationMs: fast });
    }
    expect(sizes[0]).toBe(100);
    expect(sizes.slice(-3)).toEqual([500, 500, 500]);
  });

  it('covers every position exactly once when pages finish out of order', () => {
    const total = 2_345;
    const plan = new PagePlan(emptyPlanState());
    plan.learnTotal(total);
    const fetched: number[] = [];
    const finish = (page: PlannedPage) => {
      for (let i = page.offset; i < Math.min(page.offset + page.size, total); i += 1) {
        fetched.push(i);
      }
      plan.complete(page, { total, durationMs: fast });
    };
    for (;;) {
      const batch = [plan.next(), plan.next(), plan.next()].filter(
        (page): page is PlannedPage => page !== null,
      );
      if (batch.length === 0) break;
      // The last one asked finishes first.
      for (const page of batch.reverse()) finish(page);
    }
    expect(plan.finished).toBe(true);
    expect(plan.covered).toBe(total);
    expect(fetched).toHaveLength(total);
    expect(new Set(fetched).size).toBe(total);
  });

  it('asks again, smaller, for a page that timed out', () => {
    const plan = new PagePlan({ total: 5_000, preferredSize: 500, done: [], pagesDone: 0 });
    const big = take(plan);
    expect(big.size).toBe(500);
    plan.fail(big, 'timeout');
    const retry = take(plan);
    expect(retry.size).toBe(400);
    // Still the newest tickets first: the last page of 400.
    expect(retry).toEqual({ offset: 4_800, size: 400, page: 12 });
  });

  it('resumes from a snapshot without fetching what was done', () => {
    const plan = new PagePlan(emptyPlanState());
    plan.learnTotal(1_000);
    plan.complete(take(plan), { total: 1_000, durationMs: fast });
    plan.complete(take(plan), { total: 1_000, durationMs: fast });
    const resumed = new PagePlan(JSON.parse(JSON.stringify(plan.snapshot())));
    expect(resumed.covered).toBe(200);
    const next = take(resumed);
    expect(next.offset + next.size).toBe(800);
  });

  it('ignores a damaged span that does not start on a page boundary', () => {
    const plan = new PagePlan({
      total: 300,
      preferredSize: 100,
      done: [{ start: 50, end: 150 }],
      pagesDone: 1,
    });
    expect(plan.covered).toBe(0);
    expect(take(plan).offset).toBe(200);
  });

  it('takes tickets created meanwhile, at the end of the list, before the older ones', () => {
    const plan = new PagePlan({ total: 1_000, preferredSize: 100, done: [], pagesDone: 0 });
    const newest = take(plan);
    expect(newest.offset).toBe(900);
    plan.complete(newest, { total: 1_150, durationMs: 20_000 });
    expect(take(plan)).toEqual({ offset: 1_100, size: 100, page: 11 });
    expect(take(plan)).toEqual({ offset: 1_000, size: 100, page: 10 });
    expect(take(plan)).toEqual({ offset: 800, size: 100, page: 8 });
  });

  it('asks again for a failed page before the older pages', () => {
    const plan = new PagePlan({ total: 1_000, preferredSize: 100, done: [], pagesDone: 0 });
    const first = take(plan);
    const second = take(plan);
    plan.complete(first, { total: 1_000, durationMs: 20_000 });
    plan.fail(second, 'other');
    expect(take(plan)).toEqual(second);
  });
});
