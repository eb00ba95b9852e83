/**
 * The one definition of `window.hubdesk`. Main's IPC handlers, the preload client and the browser
 * host's WebSocket are all derived from this object, so a method cannot exist on one side only.
 *
 * Each method takes positional arguments, validated as a zod tuple before any handler runs, and
 * resolves with the result type given to `returns<T>()`.
 */
import { z } from 'zod';
import {
  agentText,
  actionId,
  closeInput,
  openServiceOrderInput,
  connectionInput,
  createInput,
  customerSearchInput,
  draftKey,
  draftValue,
  loginInput,
  logoutInput,
  outboxEditInput,
  profileId,
  reauthInput,
  searchOptions,
  serverId,
  stagedId,
  stageInput,
  syncWindowDays,
  ticketKey,
  ticketListQuery,
  updateInput,
  viewCountsInput,
} from './schemas';
import type {
  CompatibilityReport,
  ConfigLists,
  ConnectionCheck,
  Customer,
  DiagnosticsExport,
  Draft,
  LogoutResult,
  OutboxAction,
  OutboxCounts,
  OutboxSettings,
  ProfileSummary,
  SearchHit,
  SessionStatus,
  StagedAttachment,
  SyncStatus,
  Ticket,
  TicketListPage,
  TicketSummary,
  TicketViewCounts,
} from './types';

export interface MethodSpec<Args extends z.ZodTuple, Result> {
  readonly args: Args;
  /** Phantom: carries the result type; never read at run time. */
  readonly result?: Result;
}

function method<Args extends z.ZodTuple>(args: Args) {
  return { returns: <Result>(): MethodSpec<Args, Result> => ({ args }) };
}

const noArgs = z.tuple([]);

export type Shell = 'electron' | 'browser-host';

export interface AppInfo {
  name: string;
  version: string;
  /** `process.platform` of the machine running main. */
  platform: string;
  shell: Shell;
  /** Where this profile's database and staged attachments live. */
  dataDir: string;
  /** The HubSoft address the sign-in form starts with (`--server`), if any. */
  defaultServerUrl: string | null;
}

const one = <T extends z.ZodType>(schema: T) => z.tuple([schema]);
const two = <A extends z.ZodType, B extends z.ZodType>(a: A, b: B) => z.tuple([a, b]);

export const contract = {
  app: {
    info: method(noArgs).returns<AppInfo>(),
    exportDiagnostics: method(noArgs).returns<DiagnosticsExport | null>(),
  },
  session: {
    status: method(noArgs).returns<SessionStatus>(),
    login: method(one(loginInput)).returns<SessionStatus>(),
    /** The re-sign-in prompt: only the password; the rest comes from the open session. */
    reauthenticate: method(one(reauthInput)).returns<SessionStatus>(),
    testConnection: method(one(connectionInput)).returns<ConnectionCheck>(),
    logout: method(one(logoutInput)).returns<LogoutResult>(),
    startDemo: method(noArgs).returns<SessionStatus>(),
    profiles: method(noArgs).returns<ProfileSummary[]>(),
    switchProfile: method(one(profileId)).returns<SessionStatus>(),
    /** Settings' "Verificar compatibilidade": read-only probes against the open session's server. */
    checkCompatibility: method(noArgs).returns<CompatibilityReport>(),
    /** The newest compatibility report (Settings or "Testar conexão"), null when none was made. */
    lastCompatibility: method(noArgs).returns<CompatibilityReport | null>(),
  },
  tickets: {
    list: method(z.tuple([ticketListQuery.optional()])).returns<TicketListPage>(),
    get: method(one(ticketKey)).returns<Ticket>(),
    search: method(z.tuple([z.string().max(200), searchOptions.optional()])).returns<SearchHit[]>(),
    refresh: method(one(ticketKey)).returns<Ticket>(),
    viewCounts: method(one(viewCountsInput)).returns<TicketViewCounts>(),
    /** A customer's cached tickets (by `id_cliente`), open ones first, then the newest. */
    ofCustomer: method(one(serverId)).returns<TicketSummary[]>(),
    /** The cached summaries of these tickets (the outbox names its actions' tickets). */
    summaries: method(one(z.array(ticketKey).max(500))).returns<TicketSummary[]>(),
  },
  drafts: {
    get: method(one(draftKey)).returns<Draft | null>(),
    save: method(two(draftKey, draftValue)).returns<Draft>(),
    discard: method(one(draftKey)).returns<null>(),
  },
  actions: {
    create: method(one(createInput)).returns<OutboxAction>(),
    /** With files, the reply and its attach are queued as one unit; answers the reply. */
    reply: method(
      z.tuple([ticketKey, agentText, z.array(stagedId).min(1).max(10).optional()]),
    ).returns<OutboxAction>(),
    attach: method(two(ticketKey, z.array(stagedId).min(1).max(10))).returns<OutboxAction>(),
    update: method(two(ticketKey, updateInput)).returns<OutboxAction>(),
    close: method(two(ticketKey, closeInput)).returns<OutboxAction>(),
    /** Opens a service order (O.S.) from the ticket (fact 41). */
    openServiceOrder: method(two(ticketKey, openServiceOrderInput)).returns<OutboxAction>(),
  },
  attachments: {
    /** The native file picker (Electron); the browser host answers `unavailable`. */
    pick: method(noArgs).returns<StagedAttachment[]>(),
    stage: method(one(stageInput)).returns<StagedAttachment>(),
    discard: method(one(stagedId)).returns<null>(),
  },
  customers: {
    search: method(one(customerSearchInput)).returns<Customer[]>(),
    /**
     * The customer a service (`id_cliente_servico`) belongs to: asked of HubSoft when online
     * (fact 38), else the cached copy; null when neither knows it.
     */
    ofService: method(one(serverId)).returns<Customer | null>(),
  },
  config: {
    get: method(noArgs).returns<ConfigLists>(),
  },
  outbox: {
    list: method(noArgs).returns<OutboxAction[]>(),
    retry: method(one(actionId)).returns<OutboxAction>(),
    edit: method(two(actionId, outboxEditInput)).returns<OutboxAction>(),
    discard: method(one(actionId)).returns<OutboxAction>(),
    settings: method(noArgs).returns<OutboxSettings>(),
    /** The look before sending (issue 12): off sends waited replies and closes without a look. */
    setLookBeforeSending: method(one(z.boolean())).returns<OutboxSettings>(),
  },
  sync: {
    now: method(noArgs).returns<SyncStatus>(),
    status: method(noArgs).returns<SyncStatus>(),
    /** Changes how many days back the cache keeps; a wider window downloads only the older days. */
    setWindow: method(one(syncWindowDays)).returns<SyncStatus>(),
  },
} as const;

export type Contract = typeof contract;
export type Area = keyof Contract;

/** `"app.info"`, `"tickets.list"`, ...: the name a method has on the wire. */
export type MethodName = {
  [A in Area]: `${A & string}.${keyof Contract[A] & string}`;
}[Area];

type SpecOf<M extends string> = M extends `${infer A}.${infer N}`
  ? A extends Area
    ? N extends keyof Contract[A]
      ? Contract[A][N]
      : never
    : never
  : never;

export type ArgsOf<M extends MethodName> =
  SpecOf<M> extends MethodSpec<infer Args, unknown> ? z.input<Args> : never;
export type ParsedArgsOf<M extends MethodName> =
  SpecOf<M> extends MethodSpec<infer Args, unknown> ? z.output<Args> : never;
export type ResultOf<M extends MethodName> =
  SpecOf<M> extends MethodSpec<z.ZodTuple, infer Result> ? Result : never;

/** The events main pushes on the one event channel, with their payloads. */
export interface Events {
  /**
   * Cached tickets changed (sync, an action, a read-back): refetch what is shown. `textOnly`: only
   * text no list filters or counts on changed (an opening text filled in the background), so a
   * list or count that does not show these tickets has nothing to fetch again.
   */
  tickets: { keys: string[] | 'all'; textOnly?: boolean };
  outbox: OutboxCounts;
  sync: SyncStatus;
  /**
   * The configuration lists (types, statuses, reasons, technicians...) were stored afresh: read
   * them again. Sent as soon as they are, not when the run ends: a first backfill, or a run
   * waiting offline, can take minutes, and the dialogs need the lists before that.
   */
  config: { failedLists: number };
  connectivity: { online: boolean };
  /** An attachment upload under way: bytes sent of the total, per queued attach action. */
  upload: { actionId: number; ticketKey: string; sentBytes: number; totalBytes: number | null };
  session: SessionStatus;
}
export type EventName = keyof Events;
export const eventNames = [
  'tickets',
  'outbox',
  'sync',
  'config',
  'connectivity',
  'upload',
  'session',
] as const satisfies readonly EventName[];

/** `window.hubdesk` as the renderer sees it. */
export type HubdeskApi = {
  [A in Area]: {
    [N in keyof Contract[A]]: Contract[A][N] extends MethodSpec<infer Args, infer Result>
      ? (...args: z.input<Args>) => Promise<Result>
      : never;
  };
} & {
  on<E extends EventName>(event: E, handler: (payload: Events[E]) => void): () => void;
};

/** What main implements: the same methods, taking already-validated arguments. */
export type Services = {
  [A in Area]: {
    [N in keyof Contract[A]]: Contract[A][N] extends MethodSpec<infer Args, infer Result>
      ? (...args: z.output<Args>) => Promise<Result> | Result
      : never;
  };
};

export interface MethodEntry {
  name: MethodName;
  area: Area;
  method: string;
  args: z.ZodTuple;
}

/** Every method of the contract, flattened; the transports iterate over this. */
export const methods: readonly MethodEntry[] = Object.entries(contract).flatMap(([area, group]) =>
  Object.entries(group as Record<string, MethodSpec<z.ZodTuple, unknown>>).map(([name, spec]) => ({
    name: `${area}.${name}` as MethodName,
    area: area as Area,
    method: name,
    args: spec.args,
  })),
);

export const methodNames: readonly MethodName[] = methods.map((entry) => entry.name);

const methodsByName = new Map<string, MethodEntry>(methods.map((entry) => [entry.name, entry]));

/** Looks a method up by its wire name; unknown names (including `__proto__`) give undefined. */
export function findMethod(name: unknown): MethodEntry | undefined {
  return typeof name === 'string' ? methodsByName.get(name) : undefined;
}

/** The IPC channel of one method in Electron. */
export function ipcChannel(name: MethodName): string {
  return `hubdesk:${name}`;
}
export const eventChannel = 'hubdesk:event';
