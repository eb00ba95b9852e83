/**
 * One chaos run: the simulator behind a fault-counting proxy, the app in a child process, a
 * seeded agent issuing actions through the contract while a seeded schedule injects faults and
 * kills the app. Then the faults stop, the outbox settles, the touched tickets are refreshed, and
 * the invariants are checked against the stored outbox, the server and the cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { profilePaths } from '../../main/session/profiles';
import { TYPES } from '../../main/sim/catalog';
import { startSimulator, type RunningSimulator } from '../../main/sim/server';
import { openStore } from '../../main/store/client';
import type { TicketListPage } from '../../preload/types';
import {
  agentActionKinds,
  createAgent,
  type AgentActionKind,
  type AgentWorld,
  type Invoke,
} from './agent';
import { superviseApp } from './app-process';
import { startFaultObserver, type ObservedFault } from './fault-observer';
import { answerOf, checkCache, checkDrafts, waitUntilSettled } from './final-checks';
import { checkOutbox } from './invariants';
import { buildSchedule, faultKinds, type FaultKind } from './schedule';
import { seededRandom } from './seeded-random';

export interface ChaosOptions {
  seed: number;
  /** How long faults are injected and actions issued; settling comes after. */
  durationMs: number;
  /** Tickets the simulator generates. */
  tickets?: number;
  /** How long the outbox may take to settle once faults stop. */
  settleTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  seed: number;
  chaosSeconds: number;
  phases: number;
  actionsIssued: Record<AgentActionKind, number> & { total: number };
  faultPhases: Record<FaultKind, number>;
  faultsMet: Record<ObservedFault, number>;
  requests: number;
  kills: number;
  /** Actions whose call the kill cut short: the app may or may not have queued them. */
  cutShortByKill: number;
  sent: number;
  /** Actions sent, by kind: each found on the server exactly once. */
  sentByKind: Record<string, number>;
  waitingForAgent: number;
  waitingReasons: Record<string, number>;
  duplicates: number;
  lost: number;
  draftsSaved: number;
  draftKeys: number;
  draftsIntact: number;
  ticketsChecked: number;
  ticketsConsistent: number;
}

export interface ChaosReport {
  figures: ChaosFigures;
  violations: string[];
}

const statusIds = [23, 25, 26] as const;

function countBy<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** Tickets the agent may reply to, update and close, with services to open tickets for. */
async function agentWorld(invoke: Invoke, sim: RunningSimulator): Promise<AgentWorld> {
  answerOf(await invoke('sync.now', []), 'first sync');
  const page = answerOf<TicketListPage>(
    await invoke('tickets.list', [{ status: 'open', limit: 500 }]),
    'open tickets',
  );
  const workable = new Map(
    sim
      .state()
      .filter((t) => !t.draft && t.serviceOrders.every((o) => o.status !== 'em_execucao'))
      .map((t) => [t.id, t]),
  );
  const targets = page.items.filter((t) => t.id !== null && workable.has(t.id)).slice(0, 40);
  if (targets.length < 10) throw new Error(`only ${targets.length} workable tickets cached`);
  const technical = new Set(TYPES.filter((type) => type.technical).map((type) => type.id));
  const orderTargets = targets.filter((t) => technical.has(workable.get(t.id ?? 0)?.typeId ?? 0));
  if (orderTargets.length < 3) throw new Error(`only ${orderTargets.length} tickets allow an O.S.`);
  return {
    targets: targets.map((t) => t.key),
    orderTargets: orderTargets.map((t) => t.key),
    serviceOrderTypeIds: [16, 17, 20],
    technicianIds: [10, 11, 12, 13],
    serviceIds: [...new Set([...workable.values()].map((t) => t.serviceId))].slice(0, 20),
    statusIds,
  };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const sim = await startSimulator({
    port: 0,
    seed: options.seed,
    tickets: options.tickets ?? 300,
  });
  const observer = await startFaultObserver(sim.url);
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-chaos-'));
  const app = superviseApp(dir, observer.url);
  try {
    const profileId = await app.ready;
    const agent = createAgent(options.seed, random, await agentWorld(app.invoke, sim));
    const schedule = buildSchedule(random, options.durationMs);
    const faultPhases = countBy(faultKinds);
    let chaosOver = false;

    const faults = async (): Promise<void> => {
      for (const [index, phase] of schedule.entries()) {
        for (const kind of phase.kinds) faultPhases[kind] += 1;
        log(
          `phase ${index + 1}/${schedule.length}: ${phase.kinds.join(' + ')} for ${phase.durationMs} ms`,
        );
        sim.setFaults(phase.faults);
        if (phase.killAtMs === null) {
          await sleep(phase.durationMs);
        } else {
          await sleep(phase.killAtMs);
          const started = Date.now();
          await app.restart();
          await sleep(Math.max(0, phase.durationMs - phase.killAtMs - (Date.now() - started)));
        }
      }
      chaosOver = true;
    };
    const work = async (): Promise<void> => {
      while (!chaosOver) {
        await agent.step(app.invoke);
        await sleep(random.int(5, 60));
      }
    };
    await Promise.all([faults(), work()]);
    sim.setFaults({});
    log('faults stopped; waiting for the outbox to settle');

    const violations: string[] = [];
    const stuck = await waitUntilSettled(app.invoke, options.settleTimeoutMs ?? 60_000);
    if (stuck) violations.push(stuck);
    const cache = await checkCache(app.invoke, sim, agent.record.touched);
    const drafts = await checkDrafts(app.invoke, agent.record.drafts);
    violations.push(...cache.violations, ...drafts.violations);

    const exitCode = await app.stop();
    if (exitCode !== 0) violations.push(`the app did not stop cleanly (${exitCode})`);
    const store = await openStore({ file: profilePaths(dir, profileId).cacheFile });
    const actions = await store.listActions();
    if ((await store.integrity) !== 'healthy') violations.push('the cache file is damaged');
    await store.close();

    const verdict = checkOutbox(
      agent.record.issued,
      actions,
      sim.state({ only: 'changed' }),
      (key) => cache.serverIds.get(key) ?? null,
    );
    violations.push(...verdict.violations, ...agent.record.unexpected);
    const actionsIssued = { ...countBy(agentActionKinds), total: 0 };
    for (const asked of agent.record.issued) actionsIssued[asked.kind] += 1;
    actionsIssued.draft = agent.record.draftsSaved;
    actionsIssued.total = agent.record.issued.length + agent.record.draftsSaved;

    return {
      figures: {
        seed: options.seed,
        chaosSeconds: Math.round(options.durationMs / 1000),
        phases: schedule.length,
        actionsIssued,
        faultPhases,
        faultsMet: observer.counts(),
        requests: observer.requests(),
        kills: app.kills(),
        cutShortByKill: agent.record.issued.filter((asked) => asked.outcome === 'unknown').length,
        sent: verdict.sent,
        sentByKind: verdict.sentByKind,
        waitingForAgent: verdict.waitingForAgent,
        waitingReasons: verdict.waitingReasons,
        duplicates: verdict.duplicates,
        lost: verdict.lost,
        draftsSaved: agent.record.draftsSaved,
        draftKeys: agent.record.drafts.size,
        draftsIntact: drafts.intact,
        ticketsChecked: cache.checked,
        ticketsConsistent: cache.consistent,
      },
      violations,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\n${app.stderr()}`, { cause: error });
  } finally {
    await app.kill();
    await observer.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
