/**
 * Everything a running simulator holds: the dataset, issued tokens, the fault dice and the rate
 * limit buckets. `reset` and `setFaults` are what the admin API and tests call.
 */
import { TokenStore } from './auth';
import { AGENTS } from './catalog';
import { Dataset } from './dataset';
import { FaultDice, settingsFrom, type FaultsBody, type FaultSettings } from './faults';
import type { MessageRecord, TicketRecord } from './records';
import { DEFAULT_API_RATE_LIMIT, OAUTH_RATE_LIMIT, TokenBucket } from './rate-limit';
import type { ShapeContext } from './shapes';
import { applyClose } from './ticket-closing';

export interface SimStateOptions {
  seed: number;
  tickets: number;
  latencyMs: number;
  tokenTtlSeconds?: number;
  /** The moment the generated history ends; the start time when omitted. */
  now?: number;
  /** How far the server's clock is ahead of this computer's (negative: behind); 0 by default. */
  clockSkewMs?: number;
}

export class SimState {
  dataset: Dataset;
  readonly tokens: TokenStore;
  dice: FaultDice;
  apiBucket: TokenBucket | null;
  oauthBucket: TokenBucket;

  constructor(private readonly options: SimStateOptions) {
    this.dataset = new Dataset(options.seed, options.tickets, this.anchor());
    this.tokens = new TokenStore(options.tokenTtlSeconds);
    this.dice = this.makeDice({});
    this.apiBucket = new TokenBucket(DEFAULT_API_RATE_LIMIT, Date.now());
    this.oauthBucket = new TokenBucket(OAUTH_RATE_LIMIT, Date.now());
  }

  reset(seed: number, tickets: number): void {
    this.dataset = new Dataset(seed, tickets, this.anchor());
  }

  setFaults(body: FaultsBody): FaultSettings {
    if (body.revokeTokens) this.tokens.revokeAll();
    this.dice = this.makeDice(body);
    const limit = this.dice.settings.rateLimit;
    this.apiBucket = limit ? new TokenBucket(limit, Date.now()) : null;
    this.oauthBucket = new TokenBucket(OAUTH_RATE_LIMIT, Date.now());
    return this.dice.settings;
  }

  /** The server's clock, which stamps what requests create (messages, closings). */
  serverNow(): number {
    return Date.now() + (this.options.clockSkewMs ?? 0);
  }

  /** Deletes a ticket by protocol (the admin API's test hook); false when there is none. */
  deleteTicket(protocol: string): boolean {
    return this.dataset.delete(protocol);
  }

  /**
   * Another agent writes on a ticket in HubSoft's own screens (the admin API's test hook): the
   * message the app will find on its next look. Null when there is no such ticket. Named by
   * nobody, the writer is an agent other than the API user.
   */
  addMessageByOther(
    protocol: string,
    text: string,
    userId: number = AGENTS[0]?.id ?? 56,
  ): MessageRecord | null {
    const found = this.dataset.findByProtocol(protocol);
    const record = found ? this.dataset.forUpdate(found.id) : null;
    if (!record) return null;
    const message = { id: this.dataset.takeMessageId(), text, createdAt: this.serverNow(), userId };
    record.messages.push(message);
    this.dataset.saved(record);
    return message;
  }

  /**
   * Another HubSoft user closes a ticket in HubSoft's own screens (a test hook, with the default
   * reason and text). False when there is no such open ticket.
   */
  closeByOther(protocol: string): boolean {
    const found = this.dataset.findByProtocol(protocol);
    const record = found && found.closedAt === null ? this.dataset.forUpdate(found.id) : null;
    if (!record) return false;
    applyClose(record, {}, Math.floor(this.serverNow() / 1000) * 1000);
    this.dataset.saved(record);
    return true;
  }

  /** The customer and service a ticket belongs to, for rendering it. */
  shapeContext(record: TicketRecord, now: number): ShapeContext {
    const customer = this.dataset.customers.get(record.customerIndex);
    const service =
      customer.services.find((candidate) => candidate.id === record.serviceId) ??
      customer.services[0];
    if (!service) throw new Error(`customer ${customer.id} has no service`);
    return { customer, service, now };
  }

  private anchor(): number {
    return Math.floor((this.options.now ?? Date.now()) / 1000) * 1000;
  }

  private makeDice(body: FaultsBody): FaultDice {
    const settings = settingsFrom(body, {
      latencyMs: this.options.latencyMs,
      rateLimit: DEFAULT_API_RATE_LIMIT,
    });
    return new FaultDice(settings, this.dataset.seed);
  }
}
