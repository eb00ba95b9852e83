/**
 * Writes to tickets and messages: the server's copy from sync, and the local rows queued actions
 * show as pending. Callers wrap these in their own transactions.
 */
import { documentChars } from '../../preload/brazil/documents';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { actionPayloads } from '../actions/payloads';
import { fieldChangingKinds, storeSides } from '../actions/store-registry';
import type { DatePrecision, RemoteMessage, RemoteTicket, ServiceOrder } from '../hubsoft/model';
import type { ConfigLists } from './config-lists';
import { StoreError } from './errors';
import { storedPhoneKey } from './phone-keys';
import { keepMorePrecise } from './precise-dates';
import { TimeOrderedIds } from './seq';
import {
  fieldsFromRow,
  overridableColumns,
  type FieldFold,
  type FieldGroup,
  type OverridableFields,
  type OverridableRow,
} from './ticket-fields';
import type { ActionKind, CreatePayload } from './types';

interface ExistingTicketRow extends OverridableRow, ServerColumnValues {
  seq: number;
  key: string;
  pending_fields: string;
}

/** Every column a server write sets, as bound to the statements and as read back. */
interface ServerColumnValues extends OverridableRow {
  id: number;
  protocol: string | null;
  opened_at: string;
  opened_at_precision: DatePrecision;
  customer_id: number | null;
  customer_code: number | null;
  customer_name: string | null;
  customer_document: string | null;
  service_id: number | null;
  sla_remaining: string | null;
  sla_percent: number | null;
  responsible_user_ids: string;
  opened_by_user_id: number | null;
  server_draft: number;
  deleted_at: string | null;
  attachment_count: number | null;
  service_orders: string;
  raw: string;
  server_copy: string | null;
  updated_at: string;
}

interface StoredServerMessage {
  seq: number;
  id: number | null;
  text: string;
  created_at: string;
}

/** A server message new to the cache, inserted once its page's tickets are written. */
interface MessageInsert {
  key: string;
  message: RemoteMessage;
}

const serverCopySchema = z.object({
  statusId: z.number().nullable(),
  statusPrefix: z.string().nullable(),
  statusLabel: z.string().nullable(),
  typeId: z.number().nullable(),
  typeLabel: z.string().nullable(),
  description: z.string().nullable(),
  closedAt: z.string().nullable(),
  // Server copies written before dates had a precision held exact times only.
  closedAtPrecision: z.enum(['time', 'day']).default('time'),
  closingDescription: z.string().nullable(),
  closingReasonId: z.number().nullable(),
});

/** States whose local change is shown: the action is still on its way. */
const appliedStates = "('queued', 'sending', 'needs_attention')";

export class TicketWrites {
  private readonly ticketIds: TimeOrderedIds;
  private readonly messageIds: TimeOrderedIds;
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly config: ConfigLists,
  ) {
    this.ticketIds = new TimeOrderedIds(db, 'tickets');
    this.messageIds = new TimeOrderedIds(db, 'messages');
    const serverColumns = `id, protocol, opened_at, opened_at_precision, ${overridableColumns},
      customer_id, customer_code, customer_name, customer_document, service_id, sla_remaining,
      sla_percent, responsible_user_ids, opened_by_user_id, server_draft, deleted_at,
      attachment_count, service_orders, raw, server_copy, updated_at`;
    const serverValues = `@id, @protocol, @opened_at, @opened_at_precision, @status_id,
      @status_prefix, @status_label, @type_id, @type_label, @description, @closed_at,
      @closed_at_precision, @closing_description, @closing_reason_id, @customer_id,
      @customer_code, @customer_name, @customer_document, @service_id, @sla_remaining,
      @sla_percent, @responsible_user_ids, @opened_by_user_id, @server_draft, @deleted_at,
      @attachment_count, @service_orders, @raw, @server_copy, @updated_at`;
    const existingColumns = `seq, key, pending_fields, ${serverColumns}`;
    this.statements = {
      byId: db.prepare<ExistingTicketRow>(`SELECT ${existingColumns} FROM tickets WHERE id = ?`),
      byKey: db.prepare<ExistingTicketRow>(`SELECT ${existingColumns} FROM tickets WHERE key = ?`),
      insertServer: db.prepare(
        `INSERT INTO tickets (seq, key, ${serverColumns}) VALUES (@seq, @key, ${serverValues})`,
      ),
      updateServer: db.prepare(
        `UPDATE tickets SET (${serverColumns}) = (${serverValues}) WHERE seq = @seq`,
      ),
      deferIndexing: db.prepare('INSERT INTO fts_deferred (only) VALUES (1)'),
      resumeIndexing: db.prepare('DELETE FROM fts_deferred'),
      // The seqs come sorted: json_each leads the join, so FTS5 receives rising rowids.
      indexTickets: db.prepare(
        `INSERT INTO tickets_fts (rowid, protocol, customer_name, customer_document, description)
         SELECT t.seq, t.protocol, t.customer_name, t.customer_document, t.description
         FROM json_each(?) AS j CROSS JOIN tickets AS t ON t.seq = j.value`,
      ),
      indexProtocols: db.prepare(
        `INSERT INTO protocols_fts (rowid, protocol)
         SELECT t.seq, t.protocol FROM json_each(?) AS j CROSS JOIN tickets AS t ON t.seq = j.value`,
      ),
      addContactPhone: db.prepare(
        'INSERT OR IGNORE INTO contact_phones (phone_key, ticket_seq, phone) VALUES (?, ?, ?)',
      ),
      indexMessages: db.prepare(
        `INSERT INTO messages_fts (rowid, text)
         SELECT m.seq, m.text FROM json_each(?) AS j CROSS JOIN messages AS m ON m.seq = j.value`,
      ),
      markDetail: db.prepare('UPDATE tickets SET detail_fetched_at = ? WHERE seq = ?'),
      documentOf: db.prepare('SELECT document FROM customers WHERE id = ?').pluck(),
      clearResponsibles: db.prepare('DELETE FROM ticket_responsibles WHERE ticket_seq = ?'),
      addResponsible: db.prepare(
        'INSERT OR IGNORE INTO ticket_responsibles (ticket_seq, user_id) VALUES (?, ?)',
      ),
      serverMessages: db.prepare<StoredServerMessage>(
        'SELECT seq, id, text, created_at FROM messages WHERE ticket_key = ? AND pending = 0',
      ),
      deleteMessage: db.prepare('DELETE FROM messages WHERE seq = ?'),
      insertMessage: db.prepare(
        `INSERT INTO messages (seq, local_id, id, ticket_key, text, created_at, pending)
         VALUES (@seq, @local_id, @id, @ticket_key, @text, @created_at, 0)`,
      ),
      updateMessage: db.prepare(
        `UPDATE messages SET ticket_key = @ticket_key, text = @text, created_at = @created_at,
           pending = 0 WHERE id = @id`,
      ),
      messageExists: db.prepare('SELECT 1 FROM messages WHERE id = ?').pluck(),
      serviceOrdersOf: db.prepare('SELECT service_orders FROM tickets WHERE key = ?').pluck(),
      writeServiceOrders: db.prepare('UPDATE tickets SET service_orders = ? WHERE key = ?'),
      openChanges: db.prepare<{ kind: ActionKind; payload: string; created_at: string }>(
        `SELECT kind, payload, created_at FROM outbox
         WHERE ticket_key = ? AND kind IN (SELECT value FROM json_each(?))
           AND state IN ${appliedStates}
         ORDER BY id`,
      ),
      writeFields: db.prepare(
        `UPDATE tickets SET (${overridableColumns}, pending_fields, server_copy) =
           (@status_id, @status_prefix, @status_label, @type_id, @type_label, @description,
            @closed_at, @closed_at_precision, @closing_description, @closing_reason_id,
            @pending_fields, @server_copy)
         WHERE key = @key`,
      ),
      touch: db.prepare('UPDATE tickets SET updated_at = ?, updated_locally_at = ? WHERE key = ?'),
      writeServerCopy: db.prepare('UPDATE tickets SET server_copy = ? WHERE key = ?'),
      customerOfService: db.prepare<{
        id: number;
        code: number | null;
        name: string;
        document: string | null;
      }>(
        `SELECT c.id, c.code, c.name, c.document FROM customer_services s
         JOIN customers c ON c.id = s.customer_id WHERE s.id = ?`,
      ),
      insertLocal: db.prepare(
        `INSERT INTO tickets (seq, key, opened_at, status_id, status_prefix, status_label, type_id,
           type_label, customer_id, customer_code, customer_name, customer_document, service_id,
           description, updated_at, updated_locally_at)
         VALUES (@seq, @key, @opened_at, @status_id, @status_prefix, @status_label, @type_id,
           @type_label, @customer_id, @customer_code, @customer_name, @customer_document,
           @service_id, @description, @opened_at, @opened_at)`,
      ),
      deleteLocal: db.prepare('DELETE FROM tickets WHERE key = ? AND id IS NULL'),
      deleteByKey: db.prepare('DELETE FROM tickets WHERE key = ?'),
      ticketExists: db.prepare('SELECT 1 FROM tickets WHERE key = ?').pluck(),
      insertPending: db.prepare(
        `INSERT INTO messages (seq, local_id, ticket_key, text, created_at, pending)
         VALUES (?, ?, ?, ?, ?, 1)`,
      ),
      pendingMessageText: db.prepare(
        'UPDATE messages SET text = ? WHERE local_id = ? AND pending = 1',
      ),
      hasPending: db.prepare('SELECT 1 FROM messages WHERE local_id = ? AND pending = 1').pluck(),
      localDescription: db.prepare(
        'UPDATE tickets SET description = ? WHERE key = ? AND id IS NULL',
      ),
      deletePending: db.prepare('DELETE FROM messages WHERE local_id = ? AND pending = 1'),
      confirmMessage: db.prepare(
        `UPDATE messages SET pending = 0, id = ?, created_at = coalesce(?, created_at)
         WHERE local_id = ?`,
      ),
      moveActions: db.prepare('UPDATE outbox SET ticket_key = ? WHERE ticket_key = ?'),
      setServerId: db.prepare(
        'UPDATE tickets SET id = ?, protocol = coalesce(?, protocol), updated_at = ? WHERE key = ?',
      ),
      viewed: db.prepare('UPDATE tickets SET last_viewed_at = ? WHERE key = ?'),
      documentForCustomer: db.prepare(
        'UPDATE tickets SET customer_document = ? WHERE customer_id = ? AND customer_document IS NOT ?',
      ),
    };
  }

  /** Writes the server's copy of one ticket and returns its local key. */
  upsertRemote(ticket: RemoteTicket, options: { detail: boolean }): string {
    const inserts: MessageInsert[] = [];
    const key = this.writeRemote(ticket, options, inserts, null);
    this.insertServerMessages(inserts);
    return key;
  }

  /**
   * One list page, inside the caller's transaction; answers the keys in the page's order. Rows
   * new to the cache are indexed for search in one statement per FTS table at the end (see the
   * `bulkIndexedPages` migration), in rising seq order, the order FTS5 appends fastest: the
   * tickets are written oldest first, and the messages new to the cache after them, oldest
   * first. A ticket listed twice in the page is written once, as last listed: a row inserted
   * here is not in the index yet, so it must not be updated before the page is indexed.
   */
  upsertRemotePage(tickets: readonly RemoteTicket[]): string[] {
    const lastListed = new Map<number, RemoteTicket>();
    for (const ticket of tickets) lastListed.set(ticket.id, ticket);
    const oldestFirst = [...lastListed.values()].map((ticket) => ({
      ticket,
      at: Date.parse(ticket.openedAt),
    }));
    oldestFirst.sort((a, b) => a.at - b.at);
    const s = this.statements;
    const keyOfId = new Map<number, string>();
    const insertedSeqs: number[] = [];
    const inserts: MessageInsert[] = [];
    s.deferIndexing.run();
    try {
      for (const { ticket } of oldestFirst) {
        keyOfId.set(ticket.id, this.writeRemote(ticket, { detail: false }, inserts, insertedSeqs));
      }
      const messageSeqs = this.insertServerMessages(inserts);
      if (insertedSeqs.length > 0) {
        const seqs = JSON.stringify(sortedSeqs(insertedSeqs));
        s.indexTickets.run(seqs);
        s.indexProtocols.run(seqs);
      }
      if (messageSeqs.length > 0) s.indexMessages.run(JSON.stringify(sortedSeqs(messageSeqs)));
    } finally {
      s.resumeIndexing.run();
    }
    return tickets.map((ticket) => keyOfId.get(ticket.id) ?? `t:${ticket.id}`);
  }

  /**
   * The ticket's row, responsibles and message changes; new messages go to `inserts`. With
   * `insertedSeqs`, a new row's seq is added there for the caller to index.
   */
  private writeRemote(
    ticket: RemoteTicket,
    options: { detail: boolean },
    inserts: MessageInsert[],
    insertedSeqs: number[] | null,
  ): string {
    const s = this.statements;
    const existing = s.byId.get(ticket.id);
    const now = this.now().toISOString();
    const pendingGroups = existing ? parseGroups(existing.pending_fields) : [];
    const previousServer = existing ? this.serverFields(existing) : null;
    const labels = this.config.labels();
    const statusId = ticket.status?.id ?? ticket.statusId;
    const typeId = ticket.type?.id ?? ticket.typeId;
    const opened = keepMorePrecise(
      existing ? { at: existing.opened_at, precision: existing.opened_at_precision } : null,
      { at: ticket.openedAt, precision: ticket.openedAtPrecision },
    );
    const closed =
      ticket.closedAt === null
        ? null
        : keepMorePrecise(
            previousServer?.closedAt
              ? { at: previousServer.closedAt, precision: previousServer.closedAtPrecision }
              : null,
            { at: ticket.closedAt, precision: ticket.closedAtPrecision },
          );
    const server: OverridableFields = {
      statusId,
      statusPrefix:
        ticket.status?.prefix ?? (statusId === null ? null : labels.status(statusId).prefix),
      statusLabel:
        ticket.status?.label ?? (statusId === null ? null : labels.status(statusId).label),
      typeId,
      typeLabel: ticket.type?.label ?? (typeId === null ? null : labels.type(typeId)),
      // List endpoints never carry the opening text: keep the one a detail fetch brought.
      description: ticket.description ?? previousServer?.description ?? null,
      closedAt: closed?.at ?? null,
      closedAtPrecision: closed?.precision ?? 'time',
      closingDescription: ticket.closingDescription,
      closingReasonId: ticket.closingReasonId,
    };
    const raw = JSON.stringify(ticket.raw);
    const responsibles = JSON.stringify(ticket.responsibleUserIds);
    const knownDocument =
      ticket.customer === null ? null : (s.documentOf.get(ticket.customer.id) as string | null);
    const values: ServerColumnValues = {
      id: ticket.id,
      protocol: ticket.protocol,
      opened_at: opened.at,
      opened_at_precision: opened.precision,
      ...columnsOf(server),
      customer_id: ticket.customer?.id ?? null,
      customer_code: ticket.customer?.code ?? null,
      customer_name: ticket.customer?.name ?? null,
      customer_document:
        knownDocument ?? documentFromRaw(ticket.raw) ?? existing?.customer_document ?? null,
      service_id: ticket.serviceId,
      sla_remaining: ticket.sla.remaining,
      sla_percent: ticket.sla.percentRemaining,
      responsible_user_ids: responsibles,
      opened_by_user_id: ticket.openedByUserId,
      // The detail and create shapes do not say whether a ticket is a draft or deleted: a shape
      // that lacks the field keeps what a list row said.
      server_draft: ticket.draft === null ? (existing?.server_draft ?? 0) : Number(ticket.draft),
      deleted_at:
        ticket.deletedAt === undefined ? (existing?.deleted_at ?? null) : ticket.deletedAt,
      attachment_count: ticket.attachmentCount,
      service_orders:
        ticket.serviceOrders === null
          ? (existing?.service_orders ?? '[]')
          : JSON.stringify(ticket.serviceOrders),
      raw,
      server_copy: pendingGroups.length > 0 ? JSON.stringify(server) : null,
      updated_at: existing && existing.raw === raw ? existing.updated_at : now,
    };
    let seq: number;
    let key: string;
    if (existing) {
      seq = existing.seq;
      key = existing.key;
      // Sync lists the same tickets again and again: a row that would not change is not
      // rewritten, which spares its six list indexes.
      if (!sameServerColumns(existing, values)) s.updateServer.run({ ...values, seq });
    } else {
      seq = this.ticketIds.next(opened.at, ticket.id);
      key = `t:${ticket.id}`;
      s.insertServer.run({ ...values, seq, key });
      insertedSeqs?.push(seq);
    }
    if (!existing || existing.responsible_user_ids !== responsibles) {
      if (existing) s.clearResponsibles.run(seq);
      for (const userId of ticket.responsibleUserIds) s.addResponsible.run(seq, userId);
    }
    if (pendingGroups.length > 0) this.resettle(key, false);
    // List rows never name the opening contact; the shapes that do (fact 27) are indexed.
    const contactPhone = ticket.raw['telefone_contato'];
    if (typeof contactPhone === 'string') this.indexContactPhone(seq, contactPhone);
    if (ticket.messages !== null) {
      this.replaceServerMessages(key, ticket.messages, existing !== undefined, inserts);
    }
    if (options.detail) s.markDetail.run(now, seq);
    return key;
  }

  /**
   * The server's messages replace the cached ones; messages still queued here stay. Unchanged
   * messages are left alone (no FTS work); new ones are queued in `inserts`.
   */
  private replaceServerMessages(
    key: string,
    messages: RemoteMessage[],
    ticketWasCached: boolean,
    inserts: MessageInsert[],
  ): void {
    const s = this.statements;
    // A ticket new to the cache has no messages yet (they reference its key).
    const stored = ticketWasCached ? s.serverMessages.all(key) : [];
    const incoming = new Set(messages.map((m) => m.id));
    const storedById = new Map<number, StoredServerMessage>();
    for (const row of stored) {
      if (row.id === null || !incoming.has(row.id)) s.deleteMessage.run(row.seq);
      else storedById.set(row.id, row);
    }
    for (const message of messages) {
      const row = storedById.get(message.id);
      if (row && row.text === message.text && row.created_at === message.createdAt) continue;
      // Held here already: on this ticket, or confirmed from a reply sent here, or elsewhere.
      if (row || s.messageExists.get(message.id) !== undefined) {
        s.updateMessage.run(serverMessageValues(key, message));
      } else {
        inserts.push({ key, message });
      }
    }
  }

  /**
   * Inserts new server messages oldest first, a message listed twice once, as last seen;
   * answers their seqs.
   */
  private insertServerMessages(inserts: readonly MessageInsert[]): number[] {
    const latest = new Map<number, MessageInsert>();
    for (const insert of inserts) latest.set(insert.message.id, insert);
    const ordered = [...latest.values()].map((insert) => ({
      insert,
      at: Date.parse(insert.message.createdAt),
    }));
    ordered.sort((a, b) => a.at - b.at);
    return ordered.map(({ insert }) => {
      const { key, message } = insert;
      const seq = this.messageIds.next(message.createdAt, message.id);
      this.statements.insertMessage.run({
        ...serverMessageValues(key, message),
        seq,
        local_id: `m:${message.id}`,
      });
      return seq;
    });
  }

  /**
   * Shows the server's values with every still-open update and close of this ticket folded on
   * top, in the order they were queued. `touched` stamps the row as changed here.
   */
  resettle(key: string, touched: boolean): void {
    const s = this.statements;
    const row = s.byKey.get(key);
    if (!row) return;
    const base = this.serverFields(row);
    let fields = base;
    const groups = new Set<FieldGroup>();
    const labels = this.config.labels();
    for (const change of s.openChanges.all(key, changingKinds)) {
      const fold = foldOf(change.kind, JSON.parse(change.payload), change.created_at);
      const applied = fold ? fold(fields, labels) : { fields, groups: [] };
      fields = applied.fields;
      for (const group of applied.groups) groups.add(group);
    }
    s.writeFields.run({
      key,
      ...columnsOf(fields),
      pending_fields: JSON.stringify([...groups]),
      server_copy: groups.size > 0 ? JSON.stringify(base) : null,
    });
    if (touched) {
      const now = this.now().toISOString();
      s.touch.run(now, now, key);
    }
  }

  /** The server accepted a change of the ticket's fields: its values become the server's copy. */
  absorbSentChange(key: string, fold: FieldFold): void {
    const row = this.statements.byKey.get(key);
    if (!row) return;
    const applied = fold(this.serverFields(row), this.config.labels());
    this.statements.writeServerCopy.run(JSON.stringify(applied.fields), key);
  }

  /** Whether the cache holds a message under this server id. */
  holdsMessage(id: number): boolean {
    return this.statements.messageExists.get(id) !== undefined;
  }

  /** A service order opened from here, shown before the next detail fetch brings its copy. */
  addServiceOrder(key: string, order: ServiceOrder): void {
    const stored = this.statements.serviceOrdersOf.get(key) as string | undefined;
    if (stored === undefined) return;
    const orders = JSON.parse(stored) as ServiceOrder[];
    if (orders.some((known) => known.id === order.id)) return;
    this.statements.writeServiceOrders.run(JSON.stringify([...orders, order]), key);
  }

  createLocal(key: string, payload: CreatePayload, createdAt: string): void {
    const s = this.statements;
    if (s.ticketExists.get(key) !== undefined) return;
    const customer = s.customerOfService.get(payload.serviceId);
    const labels = this.config.labels();
    const status = payload.statusId ? labels.status(payload.statusId) : null;
    const seq = this.ticketIds.next(createdAt, 0);
    s.insertLocal.run({
      seq,
      key,
      opened_at: createdAt,
      status_id: payload.statusId ?? null,
      status_prefix: status?.prefix ?? null,
      status_label: status?.label ?? null,
      type_id: payload.typeId ?? null,
      type_label: payload.typeId ? labels.type(payload.typeId) : null,
      customer_id: customer?.id ?? null,
      customer_code: customer?.code ?? null,
      customer_name: customer?.name ?? null,
      customer_document: customer?.document ?? null,
      service_id: payload.serviceId,
      description: payload.description,
    });
    this.indexContactPhone(seq, payload.phone);
  }

  /** The opening contact's phone, for search by phone. */
  private indexContactPhone(seq: number, phone: string): void {
    const key = storedPhoneKey(phone);
    if (key !== null) this.statements.addContactPhone.run(key, seq, phone);
  }

  deleteLocal(key: string): void {
    this.statements.deleteLocal.run(key);
  }

  requireTicket(key: string): void {
    if (this.statements.ticketExists.get(key) === undefined) {
      throw new StoreError('not_found', 'Atendimento não encontrado no cache local.');
    }
  }

  addPendingMessage(key: string, text: string, createdAt: string): string {
    this.requireTicket(key);
    const localId = randomUUID();
    const seq = this.messageIds.next(createdAt, 0);
    this.statements.insertPending.run(seq, localId, key, text, createdAt);
    return localId;
  }

  setPendingMessageText(localId: string, text: string): void {
    this.statements.pendingMessageText.run(text, localId);
  }

  hasPendingMessage(localId: string): boolean {
    return this.statements.hasPending.get(localId) !== undefined;
  }

  /** An offline-created ticket whose create the agent edited before sending it again. */
  setLocalDescription(key: string, description: string): void {
    this.statements.localDescription.run(description, key);
  }

  removePendingMessage(localId: string): void {
    this.statements.deletePending.run(localId);
  }

  /**
   * A sent reply stops being pending and takes the server's time when the answer gave it (this
   * computer's clock may be off); a later detail fetch replaces it with the server's copy.
   */
  confirmMessage(localId: string, serverId: number | null, serverCreatedAt: string | null): void {
    this.statements.confirmMessage.run(serverId, serverCreatedAt, localId);
  }

  /**
   * An offline-created ticket got its server id. Its key stays, so the UI and queued actions keep
   * pointing at it; a copy sync may already have fetched under `t:<id>` is folded into it.
   */
  assignServerId(key: string, id: number, protocol: string | null): void {
    const s = this.statements;
    this.requireTicket(key);
    const duplicate = s.byId.get(id);
    if (duplicate && duplicate.key !== key) {
      s.moveActions.run(key, duplicate.key);
      s.deleteByKey.run(duplicate.key);
    }
    s.setServerId.run(id, protocol, this.now().toISOString(), key);
  }

  markViewed(key: string): void {
    this.requireTicket(key);
    this.statements.viewed.run(this.now().toISOString(), key);
  }

  setCustomerDocument(customerId: number, document: string | null): void {
    this.statements.documentForCustomer.run(document, customerId, document);
  }

  private serverFields(row: ExistingTicketRow): OverridableFields {
    return row.server_copy === null
      ? fieldsFromRow(row)
      : serverCopySchema.parse(JSON.parse(row.server_copy));
  }
}

const changingKinds = JSON.stringify(fieldChangingKinds);

/** The fold of one open action's stored payload, if its kind changes the ticket's fields. */
function foldOf(kind: ActionKind, payload: unknown, createdAt: string): FieldFold | null {
  const fields = storeSides[kind].fields as
    ((payload: unknown, createdAt: string) => FieldFold) | undefined;
  return fields ? fields(actionPayloads[kind].parse(payload), createdAt) : null;
}

function columnsOf(fields: OverridableFields): OverridableRow {
  return {
    status_id: fields.statusId,
    status_prefix: fields.statusPrefix,
    status_label: fields.statusLabel,
    type_id: fields.typeId,
    type_label: fields.typeLabel,
    description: fields.description,
    closed_at: fields.closedAt,
    closed_at_precision: fields.closedAtPrecision,
    closing_description: fields.closingDescription,
    closing_reason_id: fields.closingReasonId,
  };
}

/** Seqs in rising order (salted seqs can leave the time order by a step or two). */
function sortedSeqs(seqs: number[]): number[] {
  return [...seqs].sort((a, b) => a - b);
}

function serverMessageValues(key: string, message: RemoteMessage) {
  return { id: message.id, ticket_key: key, text: message.text, created_at: message.createdAt };
}

/** Whether writing `values` would leave the stored row as it is. */
function sameServerColumns(row: ExistingTicketRow, values: ServerColumnValues): boolean {
  return (Object.keys(values) as (keyof ServerColumnValues)[]).every(
    (column) => row[column] === values[column],
  );
}

function parseGroups(json: string): FieldGroup[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as FieldGroup[]) : [];
}

/**
 * List rows may nest the customer's CPF/CNPJ; without punctuation, letters of an alphanumeric
 * CNPJ kept, like `Customer.document`.
 */
function documentFromRaw(raw: Record<string, unknown>): string | null {
  const candidates = [raw.cliente, asRecord(raw.cliente_servico)?.cliente];
  for (const candidate of candidates) {
    const document = asRecord(candidate)?.cpf_cnpj;
    if (typeof document === 'string' && /\d/.test(document)) return documentChars(document);
  }
  return null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}
