/**
 * What survives a restart of the backfill: the days already covered, and the job in progress
 * with its page plan. Read back through a schema: a checkpoint that does not parse (an older
 * version, a damaged value) starts the backfill over rather than trusting it.
 */
import { z } from 'zod';
import type { Store } from '../store/client';
import type { JsonValue } from '../store/types';
import { addDays } from './hubsoft-days';
import { emptyPlanState, type PlanState } from './page-plan';

export const backfillCheckpointName = 'backfill';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const position = z.number().int().min(0);

const planSchema = z.object({
  total: position.nullable(),
  preferredSize: z.number().int().positive(),
  done: z.array(z.object({ start: position, end: position })),
  pagesDone: position,
});

const jobSchema = z.object({
  /** Creation days, inclusive, in the server's calendar. */
  from: day,
  to: day,
  startedAt: z.iso.datetime(),
  plan: planSchema,
});

const checkpointSchema = z.object({
  version: z.literal(1),
  covered: z.object({ from: day, to: day }).nullable(),
  job: jobSchema.nullable(),
});

export type BackfillJob = z.infer<typeof jobSchema>;
export type BackfillState = z.infer<typeof checkpointSchema>;

export async function loadBackfillState(store: Store): Promise<BackfillState> {
  const parsed = checkpointSchema.safeParse(await store.getCheckpoint(backfillCheckpointName));
  return parsed.success ? parsed.data : { version: 1, covered: null, job: null };
}

export async function saveBackfillState(store: Store, state: BackfillState): Promise<void> {
  await store.setCheckpoint(backfillCheckpointName, state as unknown as JsonValue);
}

/**
 * The job to run for a window starting on `fromDay`: the one in progress, the whole window on a
 * first sync, the older days when the agent widened the window, or none.
 */
export function nextBackfillJob(
  state: BackfillState,
  fromDay: string,
  today: string,
  startedAt: Date,
): BackfillJob | null {
  if (state.job) return state.job;
  const fresh = (from: string, to: string): BackfillJob => ({
    from,
    to,
    startedAt: startedAt.toISOString(),
    plan: emptyPlanState(),
  });
  if (!state.covered) return fresh(fromDay, today);
  if (fromDay < state.covered.from) return fresh(fromDay, addDays(state.covered.from, -1));
  return null;
}

export function withJobProgress(
  state: BackfillState,
  job: BackfillJob,
  plan: PlanState,
): BackfillState {
  return { ...state, job: { ...job, plan } };
}

/** The job is done: its days join the covered ones. */
export function withJobFinished(state: BackfillState, job: BackfillJob): BackfillState {
  const covered = state.covered
    ? {
        from: job.from < state.covered.from ? job.from : state.covered.from,
        to: job.to > state.covered.to ? job.to : state.covered.to,
      }
    : { from: job.from, to: job.to };
  return { version: 1, covered, job: null };
}
