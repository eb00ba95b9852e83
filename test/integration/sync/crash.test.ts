import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/store/client';
import { resources } from './sync-fixture';

const r = resources();
afterEach(() => r.cleanup());

const childScript = join(import.meta.dirname, 'backfill-child.ts');
const tickets = 20_000;

interface PageLine {
  event: 'page';
  progress: { done: number; total: number | null };
}
type ChildLine = PageLine | { event: 'done'; lastError: string | null };

/** A small seeded generator, so a failing kill schedule can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Runs the child until it has written `killAfterPages` pages plus `delayMs`, then SIGKILLs it;
 * with no kill it runs to the end. Answers the lines it printed.
 */
async function runChild(
  simUrl: string,
  file: string,
  kill: { afterPages: number; delayMs: number } | null,
): Promise<ChildLine[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, simUrl, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: ChildLine[] = [];
  for await (const text of createInterface({ input: child.stdout })) {
    const line = JSON.parse(text) as ChildLine;
    lines.push(line);
    const pages = lines.filter((l) => l.event === 'page').length;
    if (kill && pages === kill.afterPages) {
      setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    }
  }
  await exited;
  return lines;
}

async function allCachedIds(store: Store): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listTickets({
      status: 'all',
      includeServerDrafts: true,
      limit: 500,
      cursor,
    });
    ids.push(...page.items.map((ticket) => ticket.id ?? -1));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

async function checkpointPages(store: Store): Promise<number> {
  const checkpoint = (await store.getCheckpoint('backfill')) as {
    job: { plan: { pagesDone: number } } | null;
  } | null;
  return checkpoint?.job?.plan.pagesDone ?? 0;
}

describe('backfill crash safety', () => {
  it('killed with SIGKILL at random moments, it resumes from its checkpoint and ends with every ticket once', async () => {
    const sim = await r.sim({ tickets, latencyMs: 5 });
    const file = join(r.dir(), 'profile.sqlite');
    const setup = await openStore({ file });
    await setup.setSetting('sync.windowDays', 200);
    await setup.close();

    let pagesBefore = 0;
    for (const seed of [3, 17, 29, 41, 53]) {
      const random = seeded(seed);
      const kill = {
        afterPages: 1 + Math.floor(random() * 4),
        delayMs: Math.floor(random() * 120),
      };
      const lines = await runChild(sim.url, file, kill);
      expect(
        lines.some((line) => line.event === 'done'),
        `seed ${seed} was not killed`,
      ).toBe(false);

      const store = await openStore({ file });
      expect(store.openReport.recovered).toBe(false);
      expect(await store.integrity).toBe('healthy');
      const pages = await checkpointPages(store);
      // Each run added to the checkpoint of the one before: none started over.
      expect(pages).toBeGreaterThan(pagesBefore);
      pagesBefore = pages;
      await store.close();
    }

    const last = await runChild(sim.url, file, null);
    expect(last.at(-1)).toEqual({ event: 'done', lastError: null });
    const pageLines = last.filter((line): line is PageLine => line.event === 'page');
    // A full run needs at least tickets / 500 pages; this one only fetched what was left.
    expect(pageLines.length).toBeLessThan(tickets / 500);
    expect(pageLines[0]?.progress.done).toBeGreaterThan(0);

    const store = await openStore({ file });
    expect(await store.integrity).toBe('healthy');
    const ids = await allCachedIds(store);
    expect(ids).toHaveLength(tickets);
    expect(new Set(ids)).toEqual(new Set(sim.state().map((record) => record.id)));
    await store.close();
    // Long: its pages carry customers, responsible users and messages (2.5 times the bytes).
  }, 180_000);
});
