/**
 * What the store hands its callers: plain objects in the shape the contract (issue 4, "The
 * contract surface") exposes, never rows or SQL.
 */
import type {
  CustomerRef,
  DatePrecision,
  ServiceOrder,
  Sla,
  TicketStatus,
  TicketType,
} from '../hubsoft/model';
import type { ActionKind, PayloadByKind } from '../actions/payloads';

export type { DatePrecision } from '../hubsoft/model';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface StoredMessage {
  /** Server id; null while the message only exists locally. */
  id: number | null;
  /** Stable local id: `m:<serverId>` or the uuid of a message typed here. */
  localId: string;
  text: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Queued in the outbox, not yet confirmed by the server. */
  pending: boolean;
}

/** A ticket as lists show it: everything but the message history. */
export interface TicketSummary {
  /** Stable local id: `t:<serverId>`, or `local:<uuid>` for a ticket created offline. */
  key: string;
  id: number | null;
  protocol: string | null;
  openedAt: string;
  /** 'day' when the server only ever gave the date (a ticket known through its detail only). */
  openedAtPrecision: DatePrecision;
  closedAt: string | null;
  closedAtPrecision: DatePrecision;
  status: TicketStatus | null;
  type: TicketType | null;
  customer: (CustomerRef & { document: string | null }) | null;
  serviceId: number | null;
  description: string | null;
  sla: Sla;
  responsibleUserIds: number[];
  /** Their names, as the list row's `usuarios_responsaveis` gave them (fact 34), trimmed. */
  responsibleNames: string[];
  /** `rascunho`: the server's own draft flag. */
  serverDraft: boolean;
  attachmentCount: number | null;
  /** Outbox actions on this ticket that are not sent or discarded yet. */
  pendingCount: number;
  /** The start of the newest message, on one line, for the inbox row. */
  lastMessage: string | null;
  /**
   * When the newest message not sent from this app was written (this app's own keep the local id
   * they were queued with): with `lastViewedAt`, whether there is news for the agent.
   */
  lastOthersMessageAt: string | null;
  /** The agent left a reply typed and unsent on this ticket. */
  hasReplyDraft: boolean;
  updatedAt: string;
  lastViewedAt: string | null;
  detailFetchedAt: string | null;
}

/** A file this app uploaded to a ticket (HubSoft itself cannot list a ticket's attachments). */
export interface UploadedFile {
  name: string;
  size: number;
  mime: string;
  /** ISO 8601 UTC. */
  sentAt: string;
}

/**
 * How the ticket was closed, as the cache holds it: the agent's own close while it is queued, then
 * the server's. The reason's id comes only with model rows (lists, PUT); the detail's presentation
 * shape names it instead (`motivo_fechamento`, fact 37), kept in `raw`.
 */
export interface TicketClosing {
  reasonId: number | null;
  description: string | null;
}

/**
 * Who asked for the ticket. HubSoft's detail and list shapes leave the contact out (facts 23, 34,
 * 37); PUT's raw model carries `nome_contato`, `telefone_contato`, `id_origem_contato` (fact 27),
 * and a ticket opened from this app knows them from its own create.
 */
export interface TicketContact {
  name: string | null;
  phone: string | null;
  originId: number | null;
}

export interface StoredTicket extends TicketSummary {
  messages: StoredMessage[];
  closing: TicketClosing;
  /** Null when neither the server's copy nor this app's create names the contact. */
  contact: TicketContact | null;
  /** Files uploaded from this app, oldest first. */
  uploads: UploadedFile[];
  serviceOrders: ServiceOrder[];
  /** Its actions still in the outbox (queued, sending, failed, needs attention), oldest first. */
  pending: OutboxAction[];
  raw: Record<string, unknown>;
}

export type TicketSort = 'opened_desc' | 'opened_asc' | 'sla' | 'updated_desc';

export interface TicketListQuery {
  status?: 'open' | 'closed' | 'all';
  statusIds?: number[];
  typeIds?: number[];
  responsibleUserId?: number;
  /** ISO 8601 bounds on the opening date, inclusive. */
  openedFrom?: string;
  openedTo?: string;
  search?: string;
  /** Server-side drafts (`rascunho`, fact 35) are left out unless asked for. */
  includeServerDrafts?: boolean;
  sort?: TicketSort;
  limit?: number;
  cursor?: string | null;
  /** One of the sidebar's triage views (see ticket-views.ts). */
  view?: TicketView;
  /** ISO 8601 lower bound on the closing date, inclusive ("fechados hoje"). */
  closedFrom?: string;
}

export type TicketView = 'due_soon' | 'breached' | 'unassigned' | 'awaiting_customer';

/** How many tickets each sidebar view holds; `mineOpen` is null until the agent's id is known. */
export interface TicketViewCounts {
  mineOpen: number | null;
  dueSoon: number;
  breached: number;
  unassigned: number;
  awaitingCustomer: number;
  closedToday: number;
}

export interface TicketListPage {
  items: TicketSummary[];
  /** How many tickets match the filters, over all pages, as counted for the first page. */
  total: number;
  /** Pass back to get the next page; null on the last one. */
  nextCursor: string | null;
}

export interface HighlightRange {
  start: number;
  end: number;
}

export const searchMatches = [
  'protocol',
  'phone',
  'customer',
  'document',
  'opening',
  'message',
] as const;
export type SearchMatch = (typeof searchMatches)[number];

export interface SearchHit {
  ticket: TicketSummary;
  /** Why the ticket matched, shown beside it: the field or the message the text was found in. */
  matched: SearchMatch;
  messageLocalId: string | null;
  /** A short excerpt of the matched field, with the matched words' positions in it. */
  snippet: string;
  highlights: HighlightRange[];
}

export { actionKinds } from '../actions/payloads';
export type {
  ActionKind,
  AttachPayload,
  ClosePayload,
  CreatePayload,
  OpenServiceOrderPayload,
  PayloadByKind,
  ReplyPayload,
  UpdatePayload,
} from '../actions/payloads';
export const actionStates = [
  'queued',
  'sending',
  'sent',
  'failed',
  'needs_attention',
  'discarded',
] as const;
export type ActionState = (typeof actionStates)[number];

/** What a caller asks to queue; a create makes its own local ticket key. */
export type ActionRequest = {
  [K in ActionKind]: K extends 'create'
    ? { kind: K; payload: PayloadByKind[K] }
    : { kind: K; ticketKey: string; payload: PayloadByKind[K] };
}[ActionKind];

export interface ActionError {
  code: string;
  message: string;
  details?: JsonValue;
}

/** A message someone else wrote on the ticket after the agent wrote an action. */
export interface NewMessage {
  id: number;
  text: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/**
 * Why a needs-attention action waits, when the reason has its own screen: the look before sending
 * found messages the agent had not seen when writing (issue 12). The agent sends anyway, edits or
 * discards.
 */
export interface ActionAttention {
  reason: 'new_messages';
  count: number;
  /** Oldest first. */
  messages: NewMessage[];
}

interface OutboxActionBase {
  id: number;
  ticketKey: string;
  state: ActionState;
  attempts: number;
  nextAttemptAt: string | null;
  firstFailedAt: string | null;
  lastError: ActionError | null;
  createdAt: string;
  updatedAt: string;
  result: JsonValue | null;
  /** An earlier action that must be sent first (the offline create of this ticket). */
  dependsOn: number | null;
  /** The local row this action shows as pending, e.g. the message it adds. */
  localRef: string | null;
  /** Set while it waits for the agent for a reason shown in its own way; see ActionAttention. */
  attention: ActionAttention | null;
}

export type OutboxAction = {
  [K in ActionKind]: OutboxActionBase & { kind: K; payload: PayloadByKind[K] };
}[ActionKind];

/** What the sender learned when the server accepted an action. */
export interface SentOutcome {
  result?: JsonValue;
  /** A create: the ticket the server made. */
  ticket?: { id: number; protocol: string | null };
  /** A reply: the message id, when the server told it. */
  messageId?: number;
  /** A reply: when the server says it was written (ISO 8601 UTC), not this computer's clock. */
  messageCreatedAt?: string;
}

export interface StagedAttachment {
  id: string;
  originalName: string;
  stagedPath: string;
  size: number;
  mime: string;
  sha256: string;
  createdAt: string;
}

export type NewStagedAttachment = Omit<StagedAttachment, 'id' | 'createdAt'>;

/** A JSON value kept under a key (a draft, a setting, a checkpoint) and when it was written. */
export interface StoredValue {
  value: JsonValue;
  updatedAt: string;
}

export type StoredDraft = StoredValue;

export interface StoredConfigList<Item> {
  items: Item[];
  fetchedAt: string;
}

export type CustomerSearchField = 'document' | 'code' | 'name' | 'phone';

export interface OpenReport {
  /** The file failed its integrity check and was rebuilt. */
  recovered: boolean;
  /** Where the damaged file was set aside, when it was. */
  damagedFile: string | null;
  copied: { drafts: number; actions: number; attachments: number };
}

/** The background whole-file check: `unchecked` when the file could not be read for it. */
export type IntegrityVerdict = 'healthy' | 'damaged' | 'unchecked';
