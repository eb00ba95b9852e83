/**
 * The simulated agent of a chaos run: replies, updates, closes, opens tickets and service orders,
 * and saves drafts
 * through the contract, as fast as a busy agent and in a seeded order, and writes down what it
 * asked for and what the app answered. A call cut short by a kill is written down as unknown:
 * whether it took effect is for the invariants to find out from the data.
 */
import type { OutboxAction } from '../../main/store/types';
import type { CallOutcome } from './app-process';
import type { SeededRandom } from './seeded-random';

export const agentActionKinds = [
  'reply',
  'update',
  'close',
  'create',
  'open_service_order',
  'attach',
  'draft',
] as const;
export type AgentActionKind = (typeof agentActionKinds)[number];

export interface IssuedAction {
  kind: Exclude<AgentActionKind, 'draft'>;
  ticketKey: string | null;
  /**
   * The unique text that finds it on the server: reply text, create, close or O.S. description,
   * the attached file's name.
   */
  text: string | null;
  /** 'queued': the app answered with the action; 'unknown': the app was killed mid-call. */
  outcome: 'queued' | 'unknown';
  actionId: number | null;
}

export interface AgentRecord {
  issued: IssuedAction[];
  /** Per draft key, every value the read-back may show (canonical JSON; "null" for none). */
  drafts: Map<string, Set<string>>;
  draftsSaved: number;
  /** Calls the app refused or failed that an agent's normal use must not meet. */
  unexpected: string[];
  /** Tickets acted on, for the cache check. */
  touched: Set<string>;
}

export interface AgentWorld {
  /** Cached open tickets the server lets us reply to, update and close. */
  targets: string[];
  /** `id_cliente_servico` values to open tickets for. */
  serviceIds: number[];
  statusIds: readonly number[];
  /** Cached open tickets whose type lets HubSoft open a service order on them (fact 41). */
  orderTargets: string[];
  serviceOrderTypeIds: readonly number[];
  technicianIds: readonly number[];
}

export type Invoke = (method: string, args: unknown[]) => Promise<CallOutcome>;

/** JSON with sorted keys, so values compare by content. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}

const oddText = ['ação', 'conexão caída', 'ñ', '✓', '😀', 'linha\nnova', '"aspas"', '<b>'];

function draftValue(random: SeededRandom, n: number): unknown {
  return {
    text: `rascunho ${n} ${random.pick(oddText)} ${'x'.repeat(random.int(0, 400))}`,
    statusId: random.chance(0.5) ? random.int(1, 99) : null,
    checklist: Array.from({ length: random.int(0, 4) }, (_, i) => ({
      item: `passo ${i}`,
      ok: i % 2 === 0,
    })),
  };
}

export function createAgent(seed: number, random: SeededRandom, world: AgentWorld) {
  const record: AgentRecord = {
    issued: [],
    drafts: new Map(),
    draftsSaved: 0,
    unexpected: [],
    touched: new Set(),
  };
  const closed = new Set<string>();
  const created: string[] = [];
  let counter = 0;

  const expectDraft = (key: string, value: string, certain: boolean): void => {
    const seen = record.drafts.get(key) ?? new Set(['null']);
    if (certain) seen.clear();
    seen.add(value);
    record.drafts.set(key, seen);
  };

  const notClosed = (keys: readonly string[]): string[] => keys.filter((key) => !closed.has(key));
  /** Half the cached tickets stay open to the end, so long runs keep replying to them. */
  const closable = (): string[] => {
    const targets = notClosed(world.targets);
    return targets.length > world.targets.length / 2
      ? [...targets, ...notClosed(created)]
      : notClosed(created);
  };

  /** Queues an action; answers the action when the app confirmed it. */
  async function queue(
    invoke: Invoke,
    issued: Omit<IssuedAction, 'outcome' | 'actionId'>,
    method: string,
    args: unknown[],
  ): Promise<OutboxAction | null> {
    const outcome = await invoke(method, args);
    if (outcome.killed) {
      record.issued.push({ ...issued, outcome: 'unknown', actionId: null });
      return null;
    }
    if (!outcome.envelope.ok) {
      const { code, message } = outcome.envelope.error;
      record.unexpected.push(`${method} answered ${code}: ${message}`);
      return null;
    }
    const action = outcome.envelope.value as OutboxAction;
    record.issued.push({ ...issued, outcome: 'queued', actionId: action.id });
    return action;
  }

  async function step(invoke: Invoke): Promise<void> {
    counter += 1;
    const n = counter;
    const open = [...notClosed(world.targets), ...notClosed(created)];
    const kind = random.pick([
      'reply',
      'reply',
      'reply',
      'update',
      'close',
      'create',
      'open_service_order',
      'attach',
      'draft',
      'draft',
    ] as const);
    const orderable = notClosed(world.orderTargets);
    const toClose = closable();
    if (kind === 'reply' && open.length > 0) {
      const key = random.pick(open);
      const text = `Chaos ${seed} resposta ${n} ${random.pick(oddText)}`;
      record.touched.add(key);
      const action = await queue(invoke, { kind, ticketKey: key, text }, 'actions.reply', [
        key,
        text,
      ]);
      expectDraft(`reply:${key}`, 'null', action !== null);
    } else if (kind === 'update' && open.length > 0) {
      const key = random.pick(open);
      record.touched.add(key);
      await queue(invoke, { kind, ticketKey: key, text: null }, 'actions.update', [
        key,
        { statusId: random.pick(world.statusIds) },
      ]);
    } else if (kind === 'close' && toClose.length > 0) {
      const key = random.pick(toClose);
      const text = `Chaos ${seed} fechamento ${n}`;
      // Closed, or maybe closed: either way no more replies to it from here.
      closed.add(key);
      record.touched.add(key);
      const action = await queue(invoke, { kind, ticketKey: key, text }, 'actions.close', [
        key,
        { description: text },
      ]);
      expectDraft(`close:${key}`, 'null', action !== null);
    } else if (kind === 'open_service_order' && orderable.length > 0) {
      const key = random.pick(orderable);
      const text = `Chaos ${seed} O.S. ${n} ${random.pick(oddText)}`;
      record.touched.add(key);
      const hour = random.int(7, 16);
      await queue(invoke, { kind, ticketKey: key, text }, 'actions.openServiceOrder', [
        key,
        {
          typeId: random.pick(world.serviceOrderTypeIds),
          technicianId: random.pick(world.technicianIds),
          scheduledDate: '2026-12-21',
          startTime: `${String(hour).padStart(2, '0')}:00`,
          endTime: `${String(hour + 2).padStart(2, '0')}:30`,
          availability: random.chance(0.5) ? ['manha'] : ['manha', 'tarde'],
          description: text,
        },
      ]);
    } else if (kind === 'attach' && open.length > 0) {
      const key = random.pick(open);
      const name = `chaos-${seed}-anexo-${n}.txt`;
      const content = Buffer.from(`Anexo ${n} do caos ${random.pick(oddText)}`).toString('base64');
      const staged = await invoke('attachments.stage', [
        { name, mimeType: 'text/plain', base64: content },
      ]);
      if (staged.killed) return;
      if (!staged.envelope.ok) {
        record.unexpected.push(`attachments.stage answered ${staged.envelope.error.code}`);
        return;
      }
      const { id } = staged.envelope.value as { id: string };
      record.touched.add(key);
      await queue(invoke, { kind, ticketKey: key, text: name }, 'actions.attach', [key, [id]]);
    } else if (kind === 'create') {
      const text = `Chaos ${seed} abertura ${n} ${random.pick(oddText)}`;
      const action = await queue(invoke, { kind, ticketKey: null, text }, 'actions.create', [
        {
          serviceId: random.pick(world.serviceIds),
          description: text,
          name: 'Cliente do Caos',
          phone: '31991234567',
        },
      ]);
      expectDraft('new-ticket', 'null', action !== null);
      if (action) {
        created.push(action.ticketKey);
        record.touched.add(action.ticketKey);
      }
    } else {
      const ticket = random.pick(world.targets);
      const key = random.pick([`reply:${ticket}`, `update:${ticket}`, 'new-ticket']);
      if (key.startsWith('reply:') && closed.has(ticket)) return;
      const value = draftValue(random, n);
      const outcome = await invoke('drafts.save', [key, value]);
      if (outcome.killed) {
        expectDraft(key, canonical(value), false);
      } else if (outcome.envelope.ok) {
        record.draftsSaved += 1;
        expectDraft(key, canonical(value), true);
      } else {
        record.unexpected.push(`drafts.save answered ${outcome.envelope.error.code}`);
      }
    }
  }

  return { record, step };
}
