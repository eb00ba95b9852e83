/**
 * The data types that cross the contract, by area. The store and the services produce them; the
 * renderer consumes them. They are plain data: they survive structured clone and JSON alike.
 */
export type {
  ActionAttention,
  ActionKind,
  ActionState,
  DatePrecision,
  NewMessage,
  OutboxAction,
  SearchHit,
  StagedAttachment,
  StoredMessage as TicketMessage,
  StoredTicket as Ticket,
  TicketListPage,
  TicketSort,
  TicketSummary,
  TicketView,
  TicketViewCounts,
} from '../main/store/types';
export type { ConfigItem, Customer, CustomerService } from '../main/hubsoft/model';
import type { ConfigItem, ConfigListName } from '../main/hubsoft/model';
import type { SecretStoreKind } from '../main/secrets/secret-store';
import type { CompatibilityReport } from '../main/session/compatibility/report';
export type {
  CompatibilityEntry,
  CompatibilityOutcome,
  CompatibilityReport,
  DeviationCode,
  ProbeName,
  ReasonCode,
} from '../main/session/compatibility/report';

export interface ProfileSummary {
  id: string;
  baseUrl: string;
  username: string;
  clientId: string;
  demo: boolean;
  lastUsedAt: string | null;
}

export type SessionState = 'signed_out' | 'signed_in' | 'needs_reauth';

export interface SessionStatus {
  state: SessionState;
  profile: ProfileSummary | null;
  /** The HubSoft user id of the agent, when the server told it. */
  userId: number | null;
  secretStorage: { kind: SecretStoreKind; persistent: boolean };
  /** Why a re-sign-in is needed, in Portuguese, when state is needs_reauth. */
  reason: string | null;
}

export interface ConnectionCheck {
  ok: boolean;
  /** What is wrong, for the agent, in Portuguese; null when ok. */
  problem: string | null;
  code:
    | 'ok'
    | 'unreachable'
    | 'tls'
    | 'not_hubsoft'
    | 'wrong_client'
    | 'wrong_credentials'
    | 'no_permission'
    | 'clock_skew'
    | 'invalid_address';
  /** "Testar conexão" on the sign-in screen: the compatibility probes, once signed in. */
  compatibility?: CompatibilityReport;
}

export interface LogoutResult {
  /** Outbox actions kept for when the agent signs in again. */
  outboxKept: number;
  cachePurged: boolean;
}

export interface Draft {
  value: unknown;
  updatedAt: string;
}

export type ConfigLists = Record<ConfigListName, ConfigItem[]> & { fetchedAt: string | null };

/** A configuration list the last refresh could not read: which, where, and what was wrong. */
export interface ConfigListFailure {
  list: ConfigListName;
  /** e.g. `GET /api/v1/integracao/configuracao/disponibilidade`. */
  endpoint: string;
  /** The dotted path of the field that could not be read, when the answer was unreadable. */
  field: string | null;
  message: string;
}

export interface SyncStatus {
  online: boolean;
  running: boolean;
  phase: 'idle' | 'backfill' | 'incremental' | 'config';
  /** Tickets written in the current run, and how many the server said there are. */
  progress: { done: number; total: number | null } | null;
  lastSyncAt: string | null;
  lastError: string | null;
  cachedTickets: number;
  /** How many days back the cache keeps tickets (by opening date): the agent's setting. */
  windowDays: number;
  /**
   * Set when this profile's cache was found damaged on open and rebuilt: what was saved from the
   * damaged file, so the agent can be told. Null on a healthy open.
   */
  cacheRecovered: { drafts: number; actions: number; attachments: number } | null;
  /** Lists the last configuration refresh could not read; their cached copy (if any) stays. */
  failedConfigLists: ConfigListFailure[];
  /**
   * What the last run could not refresh (a page or a ticket that failed and will be retried);
   * zeros when everything was refreshed.
   */
  notRefreshed: { tickets: number; pages: number };
  /**
   * How much of the cache search covers fully: every cached ticket's messages are indexed from
   * the first sync, its opening text once its detail was fetched in the background. Null before
   * it was first counted.
   */
  searchIndex: { total: number; withOpeningText: number } | null;
}

/** The outbox's own settings, kept per profile. */
export interface OutboxSettings {
  /**
   * Before a reply or close that waited (queued offline, or over a minute old) is sent, fetch the
   * ticket and hold the action if someone else wrote meanwhile. On by default.
   */
  lookBeforeSending: boolean;
}

export interface OutboxCounts {
  queued: number;
  sending: number;
  failed: number;
  needsAttention: number;
}

/** What "export diagnostics" wrote: the file, and how much it holds. */
export interface DiagnosticsExport {
  path: string;
  logFiles: number;
  logRecords: number;
  profiles: number;
}
