/**
 * The store's repository API, synchronous, over one profile's SQLite file. It runs inside the
 * store worker (see worker-entry.ts); tests use it directly. Callers never see SQL.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import {
  readListPageBytes,
  type ListPageBytes,
  type ListPageWrite,
} from '../hubsoft/list-page-bytes';
import type { ConfigItem, ConfigListName, Customer, RemoteTicket } from '../hubsoft/model';
import { ConfigLists } from './config-lists';
import { Customers } from './customers';
import { StoreError } from './errors';
import { KeyValueStore } from './key-value';
import type { LookBaseline } from './look-before';
import { Outbox, type ActionFilter, type EnqueueOptions, type RetrySchedule } from './outbox';
import { parseSearch } from './match-query';
import { openWithRecovery, type OpenCheck } from './recovery';
import { TicketSearch } from './search';
import { StagedAttachments } from './staged-attachments';
import { TicketReads } from './ticket-reads';
import {
  TicketSyncState,
  type OpeningTextCandidate,
  type OpeningTextCoverage,
} from './ticket-sync-state';
import { TicketViews } from './ticket-views';
import { TicketWrites } from './ticket-writes';
import type {
  ActionError,
  ActionRequest,
  CreatePayload,
  CustomerSearchField,
  JsonValue,
  NewStagedAttachment,
  OpenReport,
  OutboxAction,
  SearchHit,
  SentOutcome,
  StagedAttachment,
  StoredConfigList,
  StoredDraft,
  StoredTicket,
  TicketContact,
  TicketListPage,
  TicketListQuery,
  TicketSummary,
  TicketViewCounts,
} from './types';

function trimmed(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The ticket's contact: the server's words when it sent them, else this app's own create. */
function contactOf(
  raw: Record<string, unknown>,
  create: CreatePayload | null,
): TicketContact | null {
  const originId = Number(raw.id_origem_contato);
  const contact: TicketContact = {
    name: trimmed(raw.nome_contato) ?? trimmed(create?.name),
    phone: trimmed(raw.telefone_contato) ?? trimmed(create?.phone),
    originId:
      Number.isInteger(originId) && originId > 0 ? originId : (create?.contactOriginId ?? null),
  };
  return contact.name || contact.phone || contact.originId ? contact : null;
}

export interface StoreCoreOptions {
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** How much of the file to check before using it; see recovery.ts. */
  check?: OpenCheck;
}

const defaultSearchLimit = 50;
export const searchListCap = 1000;
const maxSearchLimit = 200;

export class StoreCore {
  readonly openReport: OpenReport;
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly config: ConfigLists;
  private readonly writes: TicketWrites;
  private readonly reads: TicketReads;
  private readonly views: TicketViews;
  private readonly search: TicketSearch;
  private readonly outbox: Outbox;
  private readonly drafts: KeyValueStore;
  private readonly settings: KeyValueStore;
  private readonly checkpoints: KeyValueStore;
  private readonly customers: Customers;
  private readonly staged: StagedAttachments;
  private readonly syncState: TicketSyncState;

  /** Opens (creating, migrating or rebuilding as needed) the SQLite file at `file`. */
  static open(file: string, options: StoreCoreOptions = {}): StoreCore {
    const now = options.now ?? (() => new Date());
    mkdirSync(dirname(file), { recursive: true });
    const { db, report } = openWithRecovery(file, now, options.check);
    return new StoreCore(db, report, now);
  }

  private constructor(db: Database.Database, report: OpenReport, now: () => Date) {
    this.db = db;
    this.openReport = report;
    this.now = now;
    this.config = new ConfigLists(db, now);
    this.writes = new TicketWrites(db, now, this.config);
    this.reads = new TicketReads(db);
    this.views = new TicketViews(db);
    this.search = new TicketSearch(db, this.reads);
    this.drafts = new KeyValueStore(db, 'drafts', now);
    this.settings = new KeyValueStore(db, 'settings', now);
    this.checkpoints = new KeyValueStore(db, 'checkpoints', now);
    this.outbox = new Outbox(db, now, this.writes, this.drafts);
    this.customers = new Customers(db, now, this.writes);
    this.staged = new StagedAttachments(db, now);
    this.syncState = new TicketSyncState(db);
  }

  // Tickets

  /** One backfill page, in one transaction; pending local changes stay on top. Returns keys. */
  upsertRemoteTickets(tickets: RemoteTicket[]): string[] {
    return this.db
      .transaction(() => {
        const keys = this.writes.upsertRemotePage(tickets);
        // Listed again: a ticket marked gone is back on the server.
        this.syncState.clearGone(keys);
        return keys;
      })
      .immediate();
  }

  /**
   * A list page as the server sent it, read and checked here (the main thread only moved its
   * bytes) and written as `upsertRemoteTickets` writes; a body that cannot be read writes
   * nothing and answers why.
   */
  writeTicketListPage(answer: ListPageBytes): ListPageWrite<string[]> {
    const reading = readListPageBytes(answer);
    if (!reading.ok) return reading;
    const { page, skipped } = reading;
    return {
      ok: true,
      total: page.total,
      page: page.page,
      lastPage: page.lastPage,
      skipped,
      written: this.upsertRemoteTickets(page.tickets),
    };
  }

  /** A full ticket fetched on opening it: its messages replace the cached server ones. */
  upsertTicketDetail(ticket: RemoteTicket): StoredTicket {
    const key = this.db
      .transaction(() => this.writes.upsertRemote(ticket, { detail: true }))
      .immediate();
    return this.requireTicket(key);
  }

  getTicket(key: string): StoredTicket | null {
    const detail = this.reads.getDetail(key);
    if (!detail) return null;
    return {
      ...detail.summary,
      messages: detail.messages,
      serviceOrders: detail.serviceOrders,
      closing: detail.closing,
      contact: contactOf(detail.raw, this.outbox.createOf(key)?.payload ?? null),
      pending: this.outbox.openOnTicket(key),
      uploads: this.outbox.uploadsOnTicket(key),
      raw: detail.raw,
    };
  }

  findTicketKey(serverId: number): string | null {
    return this.reads.keyOfServerId(serverId);
  }

  /**
   * A page of the inbox. With search text, the list covers the tickets with the newest
   * `searchListCap` matches: the search stays fast however common the words are.
   */
  /** "Outros atendimentos deste cliente": open first, then newest; at most 50. */
  listCustomerTickets(customerId: number, limit = 20): TicketSummary[] {
    return this.reads.ofCustomer(customerId, Math.min(Math.max(Math.trunc(limit), 1), 50));
  }

  /** What the outbox screen names its actions' tickets by (protocol, customer). */
  getTicketSummaries(keys: string[]): TicketSummary[] {
    return keys.length === 0 ? [] : this.reads.summariesByKey(keys);
  }

  listTickets(query: TicketListQuery = {}): TicketListPage {
    if (!query.search?.trim()) return this.reads.list(query, null);
    const parsed = parseSearch(query.search);
    if (parsed === null) return { items: [], total: 0, nextCursor: null };
    return this.reads.list(query, this.search.newestTicketSeqs(parsed, searchListCap));
  }

  searchTickets(text: string, options: { limit?: number } = {}): SearchHit[] {
    const limit = Math.min(Math.max(options.limit ?? defaultSearchLimit, 1), maxSearchLimit);
    return this.search.search(text, limit);
  }

  /** How many tickets each sidebar view holds; see ticket-views.ts. */
  countTicketViews(dayStart: string, userId: number | null): TicketViewCounts {
    return this.views.count(dayStart, userId);
  }

  markTicketViewed(key: string): void {
    this.writes.markViewed(key);
  }

  /** Open tickets sync should refresh first: viewed, then assigned to the agent, then newest. */
  ticketsToRefresh(options: { limit: number; responsibleUserId?: number }): {
    key: string;
    id: number;
  }[] {
    return this.reads.refreshCandidates(options.limit, options.responsibleUserId ?? null);
  }

  /**
   * The server no longer has this ticket (its detail answers "não encontrado"): it leaves the
   * cache, or, when the agent has actions on it still to send, stays hidden from the inbox.
   */
  markTicketGone(key: string): 'removed' | 'kept' {
    return this.db
      .transaction(() => this.syncState.markGone(key, this.now().toISOString()))
      .immediate();
  }

  /** Whether the server no longer has the ticket (found by sync or by a read-back). */
  isTicketGone(key: string): boolean {
    return this.syncState.isGone(key);
  }

  /** Gone tickets no pending action needs any more leave the cache; answers how many. */
  sweepGoneTickets(): number {
    return this.db.transaction(() => this.syncState.sweepGone()).immediate();
  }

  /** Tickets still without their opening text: the agent's own, then open, then newest. */
  openingTextCandidates(options: {
    limit: number;
    responsibleUserId?: number;
  }): OpeningTextCandidate[] {
    return this.syncState.openingTextCandidates(options.limit, options.responsibleUserId ?? null);
  }

  /** How much of the cache has its opening text, for the search coverage the inbox shows. */
  openingTextCoverage(): OpeningTextCoverage {
    return this.syncState.openingTextCoverage();
  }

  /** An offline-created ticket got its server id; its local key stays the same. */
  rekeyTicket(key: string, server: { id: number; protocol: string | null }): StoredTicket {
    this.db
      .transaction(() => this.writes.assignServerId(key, server.id, server.protocol))
      .immediate();
    return this.requireTicket(key);
  }

  // Drafts

  getDraft(key: string): StoredDraft | null {
    return this.drafts.get(key);
  }

  saveDraft(key: string, value: JsonValue): StoredDraft {
    return this.drafts.set(key, value);
  }

  discardDraft(key: string): boolean {
    return this.drafts.delete(key);
  }

  // Outbox

  /** The local change and the outbox row in one transaction; returns the durable action. */
  enqueueAction(request: ActionRequest, options: EnqueueOptions = {}): OutboxAction {
    return this.outbox.enqueue(request, options);
  }

  /** Several actions as one unit (a reply and its files): all queued or none. */
  enqueueActions(requests: ActionRequest[], options: EnqueueOptions = {}): OutboxAction[] {
    return this.outbox.enqueueAll(requests, options);
  }

  getAction(id: number): OutboxAction | null {
    return this.outbox.get(id);
  }

  listActions(filter: ActionFilter = {}): OutboxAction[] {
    return this.outbox.list(filter);
  }

  listRecentActions(finishedLimit: number): OutboxAction[] {
    return this.outbox.listRecent(finishedLimit);
  }

  nextSendableActions(limit: number): OutboxAction[] {
    return this.outbox.nextSendable(limit);
  }

  markActionSending(id: number): OutboxAction {
    return this.outbox.markSending(id);
  }

  markActionSent(id: number, outcome: SentOutcome = {}): OutboxAction {
    return this.outbox.markSent(id, outcome);
  }

  scheduleActionRetry(id: number, schedule: RetrySchedule): OutboxAction {
    return this.outbox.scheduleRetry(id, schedule);
  }

  markActionFailed(id: number, error: ActionError): OutboxAction {
    return this.outbox.markFailed(id, error);
  }

  markActionNeedsAttention(id: number, error: ActionError): OutboxAction {
    return this.outbox.markNeedsAttention(id, error);
  }

  getActionReadBackState(id: number): JsonValue | null {
    return this.outbox.readBackState(id);
  }

  setActionReadBackState(id: number, state: JsonValue | null): void {
    this.outbox.setReadBackState(id, state);
  }

  retryAction(
    id: number,
    editedPayload?: JsonValue,
    options: { offline?: boolean } = {},
  ): OutboxAction {
    return this.outbox.retry(id, editedPayload, options);
  }

  /** What the agent had seen when writing this reply or close (see look-before.ts). */
  getActionLookBaseline(id: number): LookBaseline | null {
    return this.outbox.lookBaseline(id);
  }

  discardAction(id: number): OutboxAction {
    return this.outbox.discard(id);
  }

  undoLocalChange(id: number): OutboxAction {
    return this.outbox.undoLocalChange(id);
  }

  // Staged attachments

  stageAttachment(file: NewStagedAttachment): StagedAttachment {
    return this.staged.add(file);
  }

  getStagedAttachments(ids: string[]): StagedAttachment[] {
    return this.staged.get(ids);
  }

  listStagedAttachments(): StagedAttachment[] {
    return this.staged.list();
  }

  removeStagedAttachment(id: string): boolean {
    return this.staged.remove(id);
  }

  // Sync checkpoints, settings, configuration lists

  getCheckpoint(name: string): JsonValue | null {
    return this.checkpoints.get(name)?.value ?? null;
  }

  setCheckpoint(name: string, value: JsonValue): void {
    this.checkpoints.set(name, value);
  }

  getSetting(key: string): JsonValue | null {
    return this.settings.get(key)?.value ?? null;
  }

  setSetting(key: string, value: JsonValue): void {
    this.settings.set(key, value);
  }

  getConfigList(name: ConfigListName): StoredConfigList<ConfigItem> | null {
    return this.config.get(name);
  }

  setConfigList(name: ConfigListName, items: ConfigItem[]): StoredConfigList<ConfigItem> {
    return this.config.set(name, items);
  }

  // Customers

  upsertCustomers(customers: Customer[]): void {
    this.customers.upsert(customers);
  }

  searchCustomers(query: { by: CustomerSearchField; term: string; limit?: number }): Customer[] {
    return this.customers.search(
      query.by,
      query.term,
      Math.min(Math.max(query.limit ?? 20, 1), 100),
    );
  }

  getCustomerByService(serviceId: number): Customer | null {
    return this.customers.ofService(serviceId);
  }

  // Lifecycle

  /**
   * Sign-out's "purge the cache": drops what can be downloaded again and keeps what the agent
   * made (drafts, the outbox, staged files, tickets created here or with unsent actions).
   */
  purgeCache(): { ticketsRemoved: number } {
    return this.db.transaction(() => {
      const { changes } = this.db
        .prepare(
          `DELETE FROM tickets WHERE key NOT LIKE 'local:%' AND key NOT IN (
             SELECT ticket_key FROM outbox WHERE state NOT IN ('sent', 'discarded'))`,
        )
        .run();
      this.db.exec(
        'DELETE FROM customer_services; DELETE FROM customers; DELETE FROM config_lists; DELETE FROM checkpoints;',
      );
      return { ticketsRemoved: changes };
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private requireTicket(key: string): StoredTicket {
    const ticket = this.getTicket(key);
    if (!ticket) throw new StoreError('not_found', 'Atendimento não encontrado no cache local.');
    return ticket;
  }
}
