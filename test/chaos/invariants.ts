/**
 * What must hold after a chaos run, checked against the data alone: the app's outbox as stored,
 * the simulator's records, the cache as the contract answers it. Each check answers figures and
 * the violations it found, in words that say which action or ticket went wrong.
 */
import type { TicketRecord } from '../../main/sim/records';
import type { OutboxAction } from '../../main/store/types';
import type { Ticket } from '../../preload/types';
import type { IssuedAction } from './agent';

export interface OutboxVerdict {
  sent: number;
  sentByKind: Record<string, number>;
  /** Failed or needing attention, with their reason, and the actions queued behind them. */
  waitingForAgent: number;
  /** Why they wait: `kind: message` of each failed or needs-attention action, counted. */
  waitingReasons: Record<string, number>;
  /** Actions found more than once on the server. */
  duplicates: number;
  /** Actions confirmed to the agent that are neither on the server nor waiting for the agent. */
  lost: number;
  violations: string[];
}

const waitingStates = new Set(['failed', 'needs_attention']);

/** How often each reply text, opening description and O.S. description appear on the server. */
function serverCounts(server: readonly TicketRecord[]) {
  const messages = new Map<string, number>();
  const orders = new Map<string, number>();
  const files = new Map<string, number>();
  for (const ticket of server) {
    for (const file of ticket.attachments) {
      files.set(file.name, (files.get(file.name) ?? 0) + 1);
    }
    for (const message of ticket.messages) {
      messages.set(message.text, (messages.get(message.text) ?? 0) + 1);
    }
    for (const order of ticket.serviceOrders) {
      orders.set(order.description, (orders.get(order.description) ?? 0) + 1);
    }
  }
  return {
    reply: (text: string) => messages.get(text) ?? 0,
    // HubSoft appends " | ATENDIMENTO ABERTO VIA API" to what a create sends.
    create: (text: string) => server.filter((t) => t.description.startsWith(text)).length,
    order: (text: string) => orders.get(text) ?? 0,
    file: (name: string) => files.get(name) ?? 0,
  };
}

/** How often the text of an action of this kind is on the server; null when no text says. */
function countOnServer(
  kind: OutboxAction['kind'],
  text: string | null,
  counts: ReturnType<typeof serverCounts>,
): number | null {
  if (text === null) return null;
  if (kind === 'create') return counts.create(text);
  if (kind === 'reply') return counts.reply(text);
  if (kind === 'open_service_order') return counts.order(text);
  if (kind === 'attach') return counts.file(text);
  return null;
}

/** An attach's payload names staged ids only: its file's name is what the agent issued. */
function textOf(action: OutboxAction, issuedText: ReadonlyMap<number, string>): string | null {
  if (action.kind === 'attach') return issuedText.get(action.id) ?? null;
  if (action.kind === 'reply') return action.payload.text;
  if (action.kind === 'create') return action.payload.description;
  if (action.kind === 'close') return action.payload.description ?? null;
  if (action.kind === 'open_service_order') return action.payload.description;
  return null;
}

function describe(action: OutboxAction): string {
  return `${action.kind} #${action.id} on ${action.ticketKey} (${action.state})`;
}

/** Whether a queued action is held by its ticket (or its create) waiting for the agent. */
function heldBehindAgent(action: OutboxAction, all: readonly OutboxAction[]): boolean {
  return all.some(
    (other) =>
      waitingStates.has(other.state) &&
      other.id < action.id &&
      (other.ticketKey === action.ticketKey || other.id === action.dependsOn),
  );
}

export function checkOutbox(
  issued: readonly IssuedAction[],
  actions: readonly OutboxAction[],
  server: readonly TicketRecord[],
  serverIdOf: (ticketKey: string) => number | null,
): OutboxVerdict {
  const verdict: OutboxVerdict = {
    sent: 0,
    sentByKind: {},
    waitingForAgent: 0,
    waitingReasons: {},
    duplicates: 0,
    lost: 0,
    violations: [],
  };
  const counts = serverCounts(server);
  const issuedText = new Map(
    issued.flatMap((asked) =>
      asked.actionId !== null && asked.text !== null ? [[asked.actionId, asked.text] as const] : [],
    ),
  );
  const byId = new Map(actions.map((action) => [action.id, action]));
  const record = (id: number | null) => server.find((ticket) => ticket.id === id);

  for (const asked of issued) {
    if (asked.outcome === 'queued' && asked.actionId !== null && !byId.has(asked.actionId)) {
      verdict.lost += 1;
      verdict.violations.push(`${asked.kind} #${asked.actionId} was queued, then vanished`);
    }
    if (asked.outcome === 'unknown' && asked.text !== null) {
      // A kill cut the call short, so no id tells which attach is this one: any attach the
      // agent never heard of may be it.
      const kept =
        asked.kind === 'attach'
          ? actions.some((action) => action.kind === 'attach' && !issuedText.has(action.id))
          : actions.some((action) => textOf(action, issuedText) === asked.text);
      const applied = countOnServer(asked.kind, asked.text, counts) ?? 0;
      if (!kept && applied > 0) {
        verdict.violations.push(
          `${asked.kind} "${asked.text}" is on the server but not in the outbox`,
        );
      }
    }
  }

  const lastStatusChange = new Map<string, OutboxAction>();
  for (const action of actions) {
    if (action.kind === 'update' || action.kind === 'close') {
      lastStatusChange.set(action.ticketKey, action);
    }
  }

  for (const action of actions) {
    const text = textOf(action, issuedText);
    const onServer = countOnServer(action.kind, text, counts);
    if (onServer !== null && onServer > 1) {
      verdict.duplicates += 1;
      verdict.violations.push(`${describe(action)} is on the server ${onServer} times`);
    }
    if (action.state === 'sent') {
      verdict.sent += 1;
      verdict.sentByKind[action.kind] = (verdict.sentByKind[action.kind] ?? 0) + 1;
      const ticket = record(serverIdOf(action.ticketKey));
      const missing =
        onServer === 0 ||
        (action.kind === 'close' && ticket?.closedAt == null) ||
        (action.kind === 'update' &&
          lastStatusChange.get(action.ticketKey) === action &&
          action.payload.statusId != null &&
          ticket?.statusId !== action.payload.statusId);
      if (missing) {
        verdict.lost += 1;
        verdict.violations.push(`${describe(action)} is marked sent but the server lacks it`);
      }
    } else if (waitingStates.has(action.state)) {
      verdict.waitingForAgent += 1;
      const reason = action.lastError?.message.trim() ?? '';
      if (reason === '') {
        verdict.violations.push(`${describe(action)} waits for the agent without a reason`);
      }
      const why = `${action.kind} ${action.state}: ${reason}`;
      verdict.waitingReasons[why] = (verdict.waitingReasons[why] ?? 0) + 1;
    } else if (action.state === 'queued' && heldBehindAgent(action, actions)) {
      verdict.waitingForAgent += 1;
    } else {
      verdict.lost += 1;
      verdict.violations.push(`${describe(action)} is stuck after the run settled`);
    }
  }
  return verdict;
}

/**
 * Differences between a cached ticket, just refreshed, and the server's record: the messages the
 * server has (the cache may add pending ones of its own), and status and closing unless an
 * action of the ticket is still open, whose local change the cache shows on purpose.
 */
export function ticketDifferences(cached: Ticket, server: TicketRecord): string[] {
  const differences: string[] = [];
  const cachedTexts = cached.messages
    .filter((m) => !m.pending)
    .map((m) => m.text)
    .sort();
  const serverTexts = server.messages.map((m) => m.text).sort();
  if (JSON.stringify(cachedTexts) !== JSON.stringify(serverTexts)) {
    differences.push(
      `${cached.key}: ${cachedTexts.length} messages cached, ${serverTexts.length} on the server`,
    );
  }
  if (cached.pending.length === 0) {
    if ((cached.closedAt === null) !== (server.closedAt === null)) {
      differences.push(
        `${cached.key}: closed ${cached.closedAt !== null} in the cache, ${server.closedAt !== null} on the server`,
      );
    }
    if (cached.status?.id !== server.statusId) {
      differences.push(
        `${cached.key}: status ${String(cached.status?.id)} cached, ${server.statusId} on the server`,
      );
    }
  }
  return differences;
}
