/**
 * The outbox: every action the agent takes is a row here, written in the same transaction as the
 * local change that shows it as pending. Rows move queued -> sending -> sent, or to failed /
 * needs_attention / discarded; the text the agent typed stays in the payload throughout.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { StoreError } from './errors';
import { fromJsonOrNull, toJson } from './json';
import type { KeyValueStore } from './key-value';
import { actionPayloads } from '../actions/payloads';
import { storeSideOf, ticketCreatingKinds } from '../actions/store-registry';
import type { StoreSide } from '../actions/store-side';
import { attentionOf, LookBaselines, newMessagesCode, type LookBaseline } from './look-before';
import type { TicketWrites } from './ticket-writes';
import {
  actionKinds,
  actionStates,
  type ActionError,
  type ActionKind,
  type PayloadByKind,
  type ActionRequest,
  type ActionState,
  type JsonValue,
  type OutboxAction,
  type SentOutcome,
  type UploadedFile,
} from './types';

interface ActionRow {
  id: number;
  ticket_key: string;
  kind: string;
  payload: string;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  first_failed_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  result: string | null;
  depends_on: number | null;
  local_ref: string | null;
}

const actionErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.custom<JsonValue>().optional(),
});

/**
 * The states an action may move from, per move. Anything else is refused: a stale caller cannot
 * resend what was sent or revive what was discarded.
 */
const transitions = {
  send: ['queued'],
  sent: ['sending', 'needs_attention'],
  retryLater: ['sending'],
  fail: ['queued', 'sending', 'needs_attention'],
  askAgent: ['queued', 'sending'],
  retryByAgent: ['failed', 'needs_attention'],
  discard: ['queued', 'failed', 'needs_attention'],
  /** A queued action's own fields change (its local row, after it was shown again). */
  relink: ['queued'],
} as const satisfies Record<string, readonly ActionState[]>;

/** Actions that still hold their ticket's queue: later actions on it wait behind them. */
const openStates = "('queued', 'sending', 'failed', 'needs_attention')";

export interface ActionFilter {
  states?: ActionState[];
  ticketKey?: string;
}

export interface RetrySchedule {
  error: ActionError;
  /** ISO 8601: not sent again before this. */
  nextAttemptAt: string;
  /** False when the failure was being offline: waiting for the network costs no attempt. */
  countAttempt: boolean;
}

export interface EnqueueOptions {
  /** The draft the actions came from, deleted in the same transaction. */
  discardDraft?: string;
  /** The app was offline: a reply or close queued now is looked at before it is sent. */
  offline?: boolean;
}

const uploadResult = z.object({
  files: z.array(z.object({ name: z.string(), size: z.number(), mime: z.string() })),
});

export class Outbox {
  private readonly statements;
  private readonly looks: LookBaselines;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly tickets: TicketWrites,
    private readonly drafts: KeyValueStore,
  ) {
    this.looks = new LookBaselines(db, now);
    this.statements = {
      insert: db.prepare(
        `INSERT INTO outbox (ticket_key, kind, payload, state, created_at, updated_at, depends_on,
           local_ref)
         VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)`,
      ),
      byId: db.prepare<ActionRow>('SELECT * FROM outbox WHERE id = ?'),
      all: db.prepare<ActionRow>('SELECT * FROM outbox ORDER BY id'),
      byTicket: db.prepare<ActionRow>('SELECT * FROM outbox WHERE ticket_key = ? ORDER BY id'),
      // The state test repeats the outbox_open index's condition so the planner can use it.
      unfinishedInStates: db.prepare<ActionRow>(
        `SELECT * FROM outbox WHERE state NOT IN ('sent', 'discarded')
           AND state IN (SELECT value FROM json_each(?)) ORDER BY id`,
      ),
      unfinishedAndRecent: db.prepare<ActionRow>(
        `SELECT * FROM outbox WHERE state NOT IN ('sent', 'discarded')
         UNION ALL
         SELECT * FROM (SELECT * FROM outbox WHERE state IN ('sent', 'discarded')
                        ORDER BY id DESC LIMIT ?)
         ORDER BY id`,
      ),
      inStates: db.prepare<ActionRow>(
        'SELECT * FROM outbox WHERE state IN (SELECT value FROM json_each(?)) ORDER BY id',
      ),
      openCreate: db
        .prepare(
          `SELECT id FROM outbox WHERE ticket_key = ?
           AND kind IN (SELECT value FROM json_each(?))
           AND state NOT IN ('sent', 'discarded')`,
        )
        .pluck(),
      sentUploads: db.prepare<ActionRow>(
        `SELECT * FROM outbox WHERE ticket_key = ? AND kind = 'attach' AND state = 'sent' ORDER BY id`,
      ),
      createOf: db.prepare<ActionRow>(
        `SELECT * FROM outbox WHERE ticket_key = ? AND kind = 'create' AND state <> 'discarded'
         ORDER BY id LIMIT 1`,
      ),
      openOnTicket: db.prepare<ActionRow>(
        `SELECT * FROM outbox WHERE ticket_key = ? AND state IN ${openStates} ORDER BY id`,
      ),
      sendable: db.prepare<ActionRow>(
        `SELECT o.* FROM outbox o
         WHERE o.state = 'queued'
           AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= @now)
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.ticket_key = o.ticket_key
                           AND p.id < o.id AND p.state IN ${openStates})
           AND (o.depends_on IS NULL OR EXISTS (SELECT 1 FROM outbox d
                                                WHERE d.id = o.depends_on AND d.state = 'sent'))
         ORDER BY o.id LIMIT @limit`,
      ),
      readBackState: db.prepare<{ readback_state: string | null }>(
        'SELECT readback_state FROM outbox WHERE id = ?',
      ),
      setReadBackState: db.prepare('UPDATE outbox SET readback_state = ? WHERE id = ?'),
      update: db.prepare(
        `UPDATE outbox SET state = @state, attempts = @attempts, next_attempt_at = @next_attempt_at,
           first_failed_at = @first_failed_at, last_error = @last_error, result = @result,
           payload = @payload, local_ref = @local_ref, updated_at = @updated_at
         WHERE id = @id`,
      ),
    };
  }

  /** Applies the local change and queues the action, atomically; resolves once durable. */
  enqueue(request: ActionRequest, options: EnqueueOptions = {}): OutboxAction {
    return this.enqueueAll([request], options)[0] as OutboxAction;
  }

  /**
   * Several actions as one unit (a reply and its files): all queued, in this order, with the draft
   * gone, or none of them and the draft kept.
   */
  enqueueAll(requests: ActionRequest[], options: EnqueueOptions = {}): OutboxAction[] {
    return this.db
      .transaction(() => {
        const queued = requests.map((request) => this.insert(request, options.offline ?? false));
        if (options.discardDraft !== undefined) this.drafts.delete(options.discardDraft);
        return queued;
      })
      .immediate();
  }

  private insert(request: ActionRequest, offline: boolean): OutboxAction {
    const now = this.now().toISOString();
    const payload = validatePayload(request.kind, request.payload);
    const side = sideOf(request.kind);
    const { ticketKey, localRef } = side.place(
      this.tickets,
      'ticketKey' in request ? request.ticketKey : null,
      payload,
      now,
    );
    const dependsOn = side.createsTicket
      ? null
      : ((this.statements.openCreate.get(ticketKey, creatingKinds) as number | undefined) ?? null);
    const { lastInsertRowid } = this.statements.insert.run(
      ticketKey,
      request.kind,
      toJson(payload),
      now,
      now,
      dependsOn,
      localRef,
    );
    // Its effect on the ticket's fields is folded from the open rows, this one now among them.
    if (side.fields) this.tickets.resettle(ticketKey, true);
    this.looks.take(Number(lastInsertRowid), request.kind, ticketKey, offline);
    return this.require(Number(lastInsertRowid));
  }

  get(id: number): OutboxAction | null {
    const row = this.statements.byId.get(id);
    return row ? toAction(row) : null;
  }

  /** Every unfinished action and the newest `finishedLimit` finished ones, oldest first. */
  listRecent(finishedLimit: number): OutboxAction[] {
    return this.statements.unfinishedAndRecent.all(finishedLimit).map(toAction);
  }

  list(filter: ActionFilter = {}): OutboxAction[] {
    const { states, ticketKey } = filter;
    if (ticketKey !== undefined) {
      const actions = this.statements.byTicket.all(ticketKey).map(toAction);
      return states ? actions.filter((action) => states.includes(action.state)) : actions;
    }
    if (!states) return this.statements.all.all().map(toAction);
    // The sender counts what is left on every change: that must not read (and parse) every
    // action ever sent, which only grows.
    const unfinished = states.every((state) => state !== 'sent' && state !== 'discarded');
    const statement = unfinished ? this.statements.unfinishedInStates : this.statements.inStates;
    return statement.all(JSON.stringify(states)).map(toAction);
  }

  /** Actions on their way for one ticket: what `getTicket` shows as pending. */
  /**
   * Files this app uploaded to the ticket: HubSoft has no endpoint to list attachments, so the
   * timeline shows what the sent attach actions recorded.
   */
  uploadsOnTicket(ticketKey: string): UploadedFile[] {
    return this.statements.sentUploads.all(ticketKey).flatMap((row) => {
      const parsed = uploadResult.safeParse(toAction(row).result);
      return parsed.success
        ? parsed.data.files.map((file) => ({ ...file, sentAt: row.updated_at }))
        : [];
    });
  }

  /** The create that opened this ticket from this app, sent or not (kept when the list trims). */
  createOf(ticketKey: string): Extract<OutboxAction, { kind: 'create' }> | null {
    const row = this.statements.createOf.get(ticketKey);
    const action = row ? toAction(row) : null;
    return action?.kind === 'create' ? action : null;
  }

  openOnTicket(ticketKey: string): OutboxAction[] {
    return this.statements.openOnTicket.all(ticketKey).map(toAction);
  }

  /**
   * What the sender may send now: per ticket only its oldest unfinished action, and only if it
   * is queued, due, and whatever it depends on was sent. Several tickets at once, oldest first.
   */
  nextSendable(limit: number): OutboxAction[] {
    return this.statements.sendable.all({ now: this.now().toISOString(), limit }).map(toAction);
  }

  markSending(id: number): OutboxAction {
    return this.change(id, transitions.send, (action) => ({
      state: 'sending',
      attempts: action.attempts + 1,
    }));
  }

  markSent(id: number, outcome: SentOutcome = {}): OutboxAction {
    return this.db.transaction(() => {
      const action = this.change(id, transitions.sent, () => ({
        state: 'sent',
        nextAttemptAt: null,
        result: outcome.result ?? null,
      }));
      sideOf(action.kind).sent(this.tickets, action, outcome);
      return action;
    })();
  }

  /**
   * What the read-back of this action needs, kept on its row: it goes wherever the action goes
   * (crash salvage copies the row), and the sign-out purge keeps unsent actions.
   */
  readBackState(id: number): JsonValue | null {
    this.require(id);
    return fromJsonOrNull(this.statements.readBackState.get(id)?.readback_state ?? null);
  }

  setReadBackState(id: number, state: JsonValue | null): void {
    this.require(id);
    this.statements.setReadBackState.run(state === null ? null : toJson(state), id);
  }

  /** What the agent had seen of the ticket when writing; null when there is nothing to look at. */
  lookBaseline(id: number): LookBaseline | null {
    this.require(id);
    return this.looks.get(id);
  }

  /** A transient failure: back to the queue, due again at `nextAttemptAt`. */
  scheduleRetry(id: number, schedule: RetrySchedule): OutboxAction {
    const now = this.now().toISOString();
    return this.change(id, transitions.retryLater, (action) => ({
      state: 'queued',
      attempts: schedule.countAttempt ? action.attempts : Math.max(action.attempts - 1, 0),
      nextAttemptAt: schedule.nextAttemptAt,
      firstFailedAt: schedule.countAttempt ? (action.firstFailedAt ?? now) : action.firstFailedAt,
      lastError: schedule.error,
    }));
  }

  /** The server refused it (closed ticket, validation): the local change is undone, text kept. */
  markFailed(id: number, error: ActionError): OutboxAction {
    return this.db.transaction(() => {
      const now = this.now().toISOString();
      const action = this.change(id, transitions.fail, (current) => ({
        state: 'failed',
        nextAttemptAt: null,
        firstFailedAt: current.firstFailedAt ?? now,
        lastError: error,
      }));
      this.undo(action);
      return action;
    })();
  }

  /** The outcome is unknown or failures lasted too long: the agent decides. */
  markNeedsAttention(id: number, error: ActionError): OutboxAction {
    return this.change(id, transitions.askAgent, () => ({
      state: 'needs_attention',
      nextAttemptAt: null,
      lastError: error,
    }));
  }

  /**
   * The agent retries, possibly with edited text: the local change is shown again. Retrying an
   * action held for new messages is "send anyway": it goes without another look. Edited text was
   * written having seen the ticket as it is now: the look starts again from there.
   */
  retry(id: number, payload?: unknown, options: { offline?: boolean } = {}): OutboxAction {
    return this.db.transaction(() => {
      const current = this.require(id);
      if (payload !== undefined) {
        this.looks.take(id, current.kind, current.ticketKey, options.offline ?? false);
      } else if (current.lastError?.code === newMessagesCode) {
        this.looks.approve(id);
      }
      const edited =
        payload === undefined ? current.payload : validatePayload(current.kind, payload);
      const action = this.change(id, transitions.retryByAgent, () => ({
        state: 'queued',
        attempts: 0,
        nextAttemptAt: null,
        firstFailedAt: null,
        lastError: null,
        payload: edited,
      }));
      return this.reapply(action);
    })();
  }

  /**
   * The agent gives up on an action: its local change is undone. Discarding an offline create
   * discards what was queued on that ticket too, since it can never be sent.
   */
  discard(id: number): OutboxAction {
    return this.db.transaction(() => {
      const action = this.change(id, transitions.discard, () => ({
        state: 'discarded',
        nextAttemptAt: null,
      }));
      this.undo(action);
      if (sideOf(action.kind).createsTicket) {
        for (const dependent of this.openOnTicket(action.ticketKey)) {
          if (dependent.state === 'sending') continue;
          this.undo(this.change(dependent.id, transitions.discard, () => ({ state: 'discarded' })));
        }
        this.tickets.deleteLocal(action.ticketKey);
      }
      return action;
    })();
  }

  /** Takes back the local change of a failed or discarded action; the payload keeps its text. */
  undoLocalChange(id: number): OutboxAction {
    return this.db.transaction(() => {
      const action = this.require(id);
      if (action.state !== 'failed' && action.state !== 'discarded') {
        throw new StoreError(
          'invalid_state',
          'Só é possível desfazer a alteração de uma ação que falhou ou foi descartada.',
        );
      }
      this.undo(action);
      return this.require(id);
    })();
  }

  private undo(action: OutboxAction): void {
    sideOf(action.kind).undo(this.tickets, action);
  }

  private reapply(action: OutboxAction): OutboxAction {
    const { localRef } = sideOf(action.kind).reapply(
      this.tickets,
      action,
      this.now().toISOString(),
    );
    if (localRef === undefined) return action;
    return this.change(action.id, transitions.relink, () => ({ localRef }));
  }

  private require(id: number): OutboxAction {
    const action = this.get(id);
    if (!action) throw new StoreError('not_found', 'Ação não encontrada na fila de envio.');
    return action;
  }

  /** Moves an action on if it is in one of the expected states; anything else is refused. */
  private change(
    id: number,
    from: readonly ActionState[],
    next: (action: OutboxAction) => Partial<Omit<OutboxAction, 'id' | 'kind' | 'ticketKey'>> & {
      payload?: unknown;
    },
  ): OutboxAction {
    const action = this.require(id);
    if (!from.includes(action.state)) {
      throw new StoreError(
        'invalid_state',
        `A ação não pode passar de "${action.state}" para este estado.`,
      );
    }
    const changed = { ...action, ...next(action) };
    this.statements.update.run({
      id,
      state: changed.state,
      attempts: changed.attempts,
      next_attempt_at: changed.nextAttemptAt,
      first_failed_at: changed.firstFailedAt,
      last_error: changed.lastError === null ? null : toJson(changed.lastError),
      result: changed.result === null ? null : toJson(changed.result),
      payload: toJson(changed.payload),
      local_ref: changed.localRef,
      updated_at: this.now().toISOString(),
    });
    return this.require(id);
  }
}

/** Rows are validated when read: the file may come from another app version or a salvage. */
function toAction(row: ActionRow): OutboxAction {
  const kind = z.enum(actionKinds).parse(row.kind);
  const stored = fromJsonOrNull(row.last_error);
  const lastError = stored === null ? null : actionErrorSchema.parse(stored);
  const state = z.enum(actionStates).parse(row.state);
  return {
    id: row.id,
    ticketKey: row.ticket_key,
    kind,
    payload: actionPayloads[kind].parse(JSON.parse(row.payload)),
    state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    firstFailedAt: row.first_failed_at,
    lastError,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    result: fromJsonOrNull(row.result),
    dependsOn: row.depends_on,
    localRef: row.local_ref,
    attention: attentionOf(state, lastError),
  } as OutboxAction;
}

const creatingKinds = JSON.stringify(ticketCreatingKinds);

/** The store's side of a kind, for any action of it: each side only ever meets its own kind. */
function sideOf(kind: ActionKind): StoreSide<ActionKind> {
  return storeSideOf(kind) as unknown as StoreSide<ActionKind>;
}

/** For payloads coming from a caller: a bad one is the caller's error, not a storage failure. */
function validatePayload(kind: ActionKind, value: unknown): PayloadByKind[ActionKind] {
  const result = actionPayloads[kind].safeParse(value);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => issue.path.join('.') || kind).join(', ');
    throw new StoreError('invalid_input', `Dados inválidos para a ação (${fields}).`);
  }
  return result.data;
}
