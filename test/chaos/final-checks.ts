/**
 * The checks at the end of a chaos run that go through the app: waiting for the outbox to settle,
 * comparing each touched ticket, just refreshed, with the server, and reading every draft back.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningSimulator } from '../../main/sim/server';
import type { OutboxAction } from '../../main/store/types';
import type { Ticket } from '../../preload/types';
import { canonical, type Invoke } from './agent';
import type { CallOutcome } from './app-process';
import { ticketDifferences } from './invariants';

/** The value of a call the checks cannot do without. */
export function answerOf<T>(outcome: CallOutcome, what: string): T {
  if (outcome.killed) throw new Error(`${what}: the app died`);
  if (!outcome.envelope.ok) throw new Error(`${what}: ${outcome.envelope.error.message}`);
  return outcome.envelope.value as T;
}

/** No action can move any more: nothing sending, and every queued one held behind the agent. */
function settled(actions: readonly OutboxAction[]): boolean {
  const waiting = actions.filter((a) => a.state === 'failed' || a.state === 'needs_attention');
  const heldTickets = new Set(waiting.map((a) => a.ticketKey));
  const heldIds = new Set(waiting.map((a) => a.id));
  return actions.every(
    (a) =>
      a.state !== 'sending' &&
      (a.state !== 'queued' ||
        heldTickets.has(a.ticketKey) ||
        (a.dependsOn !== null && heldIds.has(a.dependsOn))),
  );
}

/** Answers a violation when the outbox is still moving after `timeoutMs`, else null. */
export async function waitUntilSettled(invoke: Invoke, timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = answerOf<OutboxAction[]>(await invoke('outbox.list', []), 'outbox');
    if (settled(open)) return null;
    if (Date.now() > deadline) {
      const moving = open.filter((a) => a.state === 'sending' || a.state === 'queued').length;
      return `the outbox did not settle: ${moving} still moving`;
    }
    await sleep(250);
  }
}

export interface CacheCheck {
  checked: number;
  consistent: number;
  /** The server id each ticket key ended up with (tickets created here get theirs late). */
  serverIds: Map<string, number | null>;
  violations: string[];
}

export async function checkCache(
  invoke: Invoke,
  sim: RunningSimulator,
  keys: Iterable<string>,
): Promise<CacheCheck> {
  const result: CacheCheck = { checked: 0, consistent: 0, serverIds: new Map(), violations: [] };
  answerOf(await invoke('sync.now', []), 'last sync');
  for (const key of keys) {
    answerOf(await invoke('tickets.refresh', [key]), `refresh ${key}`);
    const cached = answerOf<Ticket>(await invoke('tickets.get', [key]), `ticket ${key}`);
    result.serverIds.set(key, cached.id);
    const server = cached.protocol ? sim.state({ protocol: cached.protocol })[0] : undefined;
    if (!server) continue;
    result.checked += 1;
    const differences = ticketDifferences(cached, server);
    if (differences.length === 0) result.consistent += 1;
    result.violations.push(...differences);
  }
  return result;
}

export async function checkDrafts(
  invoke: Invoke,
  expected: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<{ intact: number; violations: string[] }> {
  const result = { intact: 0, violations: [] as string[] };
  for (const [key, acceptable] of expected) {
    const draft = answerOf<{ value: unknown } | null>(
      await invoke('drafts.get', [key]),
      `draft ${key}`,
    );
    if (acceptable.has(canonical(draft?.value ?? null))) result.intact += 1;
    else result.violations.push(`draft ${key} reads back as something never saved`);
  }
  return result;
}
