/**
 * The simulator's tickets: generated ones are rebuilt from the seed on every read, and only what the
 * API changed is kept (a ticket is copied into the overlay the first time it is written). Compact
 * typed arrays hold the few columns list filters need, so 200,000 tickets cost a few megabytes.
 */
import { CustomerDirectory } from './customers';
import type { TicketRecord } from './records';
import { TICKET_ID_BASE, TicketGenerator } from './ticket-generator';
import { parseProtocolStamp } from './clock';

export interface TicketQuery {
  /** Inclusive lower bound, UTC ms, or null for none. */
  from: number | null;
  /** Exclusive upper bound, UTC ms, or null for none. */
  to: number | null;
  /** Which date `from`/`to` apply to: opening (`data_cadastro`) or closing (`data_fechamento`). */
  dateField: 'opened' | 'closed';
  statusIds: readonly number[] | null;
  typeIds: readonly number[] | null;
  /** `id_servico`: the plan ids of the tickets' customer services. */
  planIds: readonly number[] | null;
}

const QUERY_CACHE_SIZE = 8;

export class Dataset {
  readonly customers: CustomerDirectory;
  readonly generator: TicketGenerator;
  private readonly customerOf: Int32Array;
  private readonly statusOf: Uint16Array;
  private readonly typeOf: Uint16Array;
  private readonly closedAtOf: Float64Array;
  private readonly changed = new Map<number, TicketRecord>();
  private readonly created: TicketRecord[] = [];
  private readonly createdByProtocol = new Map<string, TicketRecord>();
  private readonly queryCache = new Map<string, Int32Array>();
  /** Soft-deleted tickets (Laravel's `deleted_at`): gone from lists and lookups. */
  private readonly deletedIds = new Set<number>();
  private readonly deletedProtocols = new Set<string>();
  private version = 0;
  private nextMessageId: number;
  private nextOrderId: number;
  private nextAttachmentId = 1;

  constructor(
    readonly seed: number,
    readonly ticketCount: number,
    readonly anchorMs: number,
  ) {
    this.customers = new CustomerDirectory(
      seed,
      Math.max(20, Math.ceil(ticketCount / 3)),
      anchorMs,
    );
    this.generator = new TicketGenerator(seed, ticketCount, anchorMs, this.customers);
    this.customerOf = new Int32Array(ticketCount);
    this.statusOf = new Uint16Array(ticketCount);
    this.typeOf = new Uint16Array(ticketCount);
    this.closedAtOf = new Float64Array(ticketCount);
    for (let i = 0; i < ticketCount; i += 1) {
      const header = this.generator.header(i);
      this.customerOf[i] = header.customerIndex;
      this.statusOf[i] = header.statusId;
      this.typeOf[i] = header.typeId;
      this.closedAtOf[i] = header.closedAt ?? Number.NaN;
    }
    const firstFreeId = TICKET_ID_BASE + ticketCount + 1_000;
    this.nextMessageId = firstFreeId * 10;
    this.nextOrderId = firstFreeId * 2;
  }

  /** Every ticket id, generated then created, in that order. */
  *ids(): Generator<number> {
    for (let slot = 0; slot < this.ticketCount + this.created.length; slot += 1) {
      yield TICKET_ID_BASE + slot;
    }
  }

  /** Ids of the tickets the API changed or created, in id order. */
  changedIds(): number[] {
    return [...this.changed.keys(), ...this.created.map((record) => record.id)].sort(
      (a, b) => a - b,
    );
  }

  /** A ticket to read; callers must not modify it (use `forUpdate`). Deleted ones are null. */
  get(id: number): TicketRecord | null {
    if (this.deletedIds.has(id)) return null;
    const slot = id - TICKET_ID_BASE;
    if (!Number.isInteger(slot) || slot < 0) return null;
    if (slot >= this.ticketCount) return this.created[slot - this.ticketCount] ?? null;
    return this.changed.get(id) ?? this.generator.record(slot);
  }

  /** A ticket to modify; call `saved` after changing it. */
  forUpdate(id: number): TicketRecord | null {
    const existing = this.changed.get(id);
    if (existing) return existing;
    const record = this.get(id);
    if (record && id - TICKET_ID_BASE < this.ticketCount) this.changed.set(id, record);
    return record;
  }

  saved(record: TicketRecord): void {
    const slot = record.id - TICKET_ID_BASE;
    if (slot < this.ticketCount) {
      this.statusOf[slot] = record.statusId;
      this.typeOf[slot] = record.typeId;
      this.closedAtOf[slot] = record.closedAt ?? Number.NaN;
    }
    this.version += 1;
  }

  /**
   * Soft-deletes a ticket, as HubSoft does: it leaves every list and lookup, and its detail
   * answers "não encontrado" (see wasDeleted). False when no such ticket exists.
   */
  delete(protocol: string): boolean {
    const record = this.findByProtocol(protocol);
    if (!record) return false;
    this.deletedIds.add(record.id);
    this.deletedProtocols.add(record.protocol);
    this.version += 1;
    return true;
  }

  wasDeleted(protocol: string): boolean {
    return this.deletedProtocols.has(protocol);
  }

  nextTicketId(): number {
    return TICKET_ID_BASE + this.ticketCount + this.created.length;
  }

  add(record: TicketRecord): void {
    this.created.push(record);
    this.createdByProtocol.set(record.protocol, record);
    this.version += 1;
  }

  takeMessageId(): number {
    return this.nextMessageId++;
  }

  takeOrderId(): number {
    return this.nextOrderId++;
  }

  takeAttachmentId(): number {
    return this.nextAttachmentId++;
  }

  protocolTaken(protocol: string): boolean {
    return this.findByProtocol(protocol) !== null;
  }

  findByProtocol(protocol: string): TicketRecord | null {
    const created = this.createdByProtocol.get(protocol);
    if (created) return created;
    const openedAt = parseProtocolStamp(protocol.slice(0, 14));
    if (Number.isNaN(openedAt)) return null;
    const index = this.generator.firstIndexFrom(openedAt);
    if (index >= this.ticketCount || this.generator.openedAt(index) !== openedAt) return null;
    const record = this.get(TICKET_ID_BASE + index);
    return record && record.protocol === protocol ? record : null;
  }

  /** Ids of a customer's tickets, in id order. */
  idsOfCustomer(customerIndex: number): number[] {
    const ids: number[] = [];
    for (let i = 0; i < this.ticketCount; i += 1) {
      if (this.customerOf[i] === customerIndex) ids.push(TICKET_ID_BASE + i);
    }
    for (const record of this.created) {
      if (record.customerIndex === customerIndex) ids.push(record.id);
    }
    return ids;
  }

  /** Ids matching a list query, in id order (which is opening order). Cached while nothing changes. */
  query(query: TicketQuery): Int32Array {
    const key = `${this.version}|${JSON.stringify(query)}`;
    const cached = this.queryCache.get(key);
    if (cached) return cached;
    const result = this.runQuery(query);
    if (this.queryCache.size >= QUERY_CACHE_SIZE) {
      const oldest = this.queryCache.keys().next().value;
      if (oldest !== undefined) this.queryCache.delete(oldest);
    }
    this.queryCache.set(key, result);
    return result;
  }

  private runQuery(query: TicketQuery): Int32Array {
    const from = query.from ?? Number.NEGATIVE_INFINITY;
    const to = query.to ?? Number.POSITIVE_INFINITY;
    const inRange = (ms: number) => ms >= from && ms < to;
    let start = 0;
    let end = this.ticketCount;
    if (query.dateField === 'opened') {
      if (query.from !== null) start = this.generator.firstIndexFrom(query.from);
      if (query.to !== null) end = this.generator.firstIndexFrom(query.to);
    }
    const statuses = query.statusIds ? new Set(query.statusIds) : null;
    const types = query.typeIds ? new Set(query.typeIds) : null;
    const plans = query.planIds ? new Set(query.planIds) : null;
    // Plans are not in the compact columns: this filter rebuilds each candidate ticket.
    const planMatches = (id: number) => {
      const record = this.get(id);
      const owner = record ? this.customers.service(record.serviceId) : null;
      return owner !== null && plans !== null && plans.has(owner.service.plan.id);
    };
    const ids: number[] = [];
    for (let i = start; i < end; i += 1) {
      if (this.deletedIds.has(TICKET_ID_BASE + i)) continue;
      if (query.dateField === 'closed' && !inRange(this.closedAtOf[i] ?? Number.NaN)) continue;
      if (statuses && !statuses.has(this.statusOf[i] ?? 0)) continue;
      if (types && !types.has(this.typeOf[i] ?? 0)) continue;
      if (plans && !planMatches(TICKET_ID_BASE + i)) continue;
      ids.push(TICKET_ID_BASE + i);
    }
    for (const record of this.created) {
      if (this.deletedIds.has(record.id)) continue;
      const date = query.dateField === 'opened' ? record.openedAt : (record.closedAt ?? Number.NaN);
      if (!inRange(date)) continue;
      if (statuses && !statuses.has(record.statusId)) continue;
      if (types && !types.has(record.typeId)) continue;
      if (plans && !planMatches(record.id)) continue;
      ids.push(record.id);
    }
    return Int32Array.from(ids);
  }
}
