/**
 * One action's trip to HubSoft: mark it sending, send it (reading back first when an earlier try
 * left its outcome unknown), and settle it in the store: sent, failed with the server's words,
 * scheduled for a retry, or handed to the agent. Every transition is reported so the UI follows.
 */
import type { HubsoftClient } from '../hubsoft/client';
import { HubsoftError } from '../hubsoft/errors';
import type { Store } from '../store/client';
import type { ActionError, OutboxAction, SentOutcome, StagedAttachment } from '../store/types';
import type { ConnectivitySignal } from '../sync/connectivity-signal';
import { clearAttachBaseline, saveAttachBaseline } from './attach-baseline';
import { attachmentCountOf } from './attachment-count';
import { defectOf, logAttempt, type AttemptStep, type OutboxLog } from './attempt-log';
import { heldForNewMessages } from './look-before-send';
import { readBack } from './reconcile';
import {
  ActionRefused,
  attentionAfterMs,
  classifyFailure,
  failureCode,
  failureMessage,
  maxReadBackFailures,
  retryDelayMs,
  type RetryTiming,
} from './retry-policy';
import { serverTicketOf, type ServerTicket } from './server-ticket';
import { firstUnusableFile, removeStaged } from './staged-files';

export interface UploadProgressEvent {
  actionId: number;
  ticketKey: string;
  sentBytes: number;
  totalBytes: number | null;
}

export interface DeliveryContext {
  store: Store;
  client: HubsoftClient;
  connectivity: ConnectivitySignal;
  stagingDir: string;
  timing: RetryTiming;
  now: () => Date;
  random: () => number;
  /** Aborted when the sender stops. */
  signal: AbortSignal;
  /** The action's ticket changed in a way the UI shows. */
  changed(keys: string[]): void;
  /** A retry was scheduled for this moment (ISO 8601). */
  retryAt(iso: string): void;
  progress(event: UploadProgressEvent): void;
  log: OutboxLog;
}

/**
 * 'send': an action picked from the queue. 'recover': one found 'sending' when the sender
 * started, i.e. the app stopped while its request may have been in flight.
 */
export type DeliveryMode = 'send' | 'recover';

/** Sends that come back unanswered, read back as missing and go out again, within one delivery. */
const maxRoundsPerDelivery = 3;

/**
 * Fact 16 and the design: a deleted ticket's detail answers HTTP 200 `status:error` "Atendimento
 * não encontrado", so sync marks it gone and a read-back finds it gone. Its actions cannot be
 * sent any more; they fail, the agent's text kept on them.
 */
const ticketGoneMessage = 'Este atendimento foi excluído no HubSoft; a ação não pôde ser enviada.';

/** What an earlier try left behind: the marker that the outcome must be read back first. */
const awaitingReadBack = 'ambiguous';

interface InFlight {
  action: OutboxAction;
  /** True while the server may have applied the action without us knowing. */
  uncertain: boolean;
}

export async function deliver(
  picked: OutboxAction,
  ctx: DeliveryContext,
  mode: DeliveryMode,
): Promise<void> {
  const flight: InFlight = {
    action: picked,
    uncertain: mode === 'recover' || picked.lastError?.code === awaitingReadBack,
  };
  try {
    // Sync already found the ticket deleted: nothing is sent, no attempt is spent.
    if (picked.kind !== 'create' && (await ctx.store.isTicketGone(picked.ticketKey))) {
      throw new ActionRefused(ticketGoneMessage);
    }
    if (mode === 'send') {
      flight.action = await ctx.store.markActionSending(picked.id);
      ctx.changed([picked.ticketKey]);
      // Issue 12: a reply or close that waited is held if the ticket got messages meanwhile.
      // Not when a try may already have landed: that is read back first, and a look comes too late.
      if (!flight.uncertain && (await heldForNewMessages(flight.action, ctx))) return;
    }
    await sendUntilSettled(flight, ctx);
  } catch (error) {
    await settleFailure(flight, error, ctx);
  }
}

async function sendUntilSettled(flight: InFlight, ctx: DeliveryContext): Promise<void> {
  const { action } = flight;
  /** A close answered 5xx with HubSoft's reason: its refusal, if the read-back finds it open. */
  let refusalUnlessApplied: HubsoftError | null = null;
  for (let round = 0; round < maxRoundsPerDelivery; round += 1) {
    if (flight.uncertain) {
      const verdict = await loggedStep(
        action,
        'read_back',
        ctx,
        () => readBack(action, ctx),
        (found) => found.verdict,
      );
      ctx.connectivity.report('reachable');
      if (verdict.verdict === 'sent') return finishSent(action, verdict.outcome, ctx);
      if (verdict.verdict === 'gone') {
        // Like sync: it leaves the inbox, kept while this and other actions are pending on it.
        await ctx.store.markTicketGone(action.ticketKey);
        throw new ActionRefused(ticketGoneMessage);
      }
      if (verdict.verdict === 'unproven') {
        return needsAttention(
          action,
          `Não foi possível confirmar no HubSoft se esta ação foi aplicada: ${verdict.reason}. ` +
            'Confira o atendimento e reenvie ou descarte a ação.',
          ctx,
        );
      }
      if (refusalUnlessApplied) throw refusalUnlessApplied;
      flight.uncertain = false;
    }
    if (ctx.signal.aborted) throw new HubsoftError('cancelled', 'O envio foi interrompido.');
    let outcome: SentOutcome;
    try {
      flight.uncertain = true;
      outcome = await loggedStep(
        action,
        'send',
        ctx,
        () => send(action, ctx),
        () => 'sent',
      );
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure === 'ambiguous') {
        refusalUnlessApplied = closeRefusalIn(action, error);
        continue;
      }
      // Anything but a lost answer (or our own stop or defect) proves the server did nothing.
      if (failure !== 'cancelled' && failure !== 'internal') flight.uncertain = false;
      throw error;
    }
    ctx.connectivity.report('reachable');
    return finishSent(action, outcome, ctx);
  }
  // Unanswered again and again: let backoff space the next read-back out.
  throw new HubsoftError('ambiguous', 'O HubSoft não respondeu aos envios desta ação.');
}

/**
 * Closing fails by rule with a 4xx or 5xx carrying the reason (fact 15); behind a gateway a 5xx
 * may also follow the commit. The reason is kept to be shown if the read-back finds no close.
 */
function closeRefusalIn(action: OutboxAction, error: unknown): HubsoftError | null {
  if (action.kind !== 'close' || !(error instanceof HubsoftError)) return null;
  const reason = error.details.serverMessage;
  if (error.status === null || error.status < 500 || reason === undefined) return null;
  return new HubsoftError('business', reason, { status: error.status, details: error.details });
}

/** Runs one step of an attempt and writes its log line, whatever comes of it. */
async function loggedStep<T>(
  action: OutboxAction,
  step: AttemptStep,
  ctx: DeliveryContext,
  work: () => Promise<T>,
  outcomeOf: (value: T) => string,
): Promise<T> {
  const line = { actionId: action.id, kind: action.kind, attempt: action.attempts, step };
  const startedAt = Date.now();
  try {
    const value = await work();
    logAttempt(ctx.log, { ...line, outcome: outcomeOf(value), startedAt, finishedAt: Date.now() });
    return value;
  } catch (error) {
    const outcome = classifyFailure(error);
    logAttempt(ctx.log, { ...line, outcome, startedAt, finishedAt: Date.now(), error });
    throw error;
  }
}

async function send(action: OutboxAction, ctx: DeliveryContext): Promise<SentOutcome> {
  const { client, signal } = ctx;
  if (action.kind === 'create') {
    const p = action.payload;
    const ticket = await client.createTicket(
      {
        serviceId: p.serviceId,
        description: p.description,
        requesterName: p.name,
        requesterPhone: p.phone,
        ...(p.email ? { requesterEmail: p.email } : {}),
        ...(p.typeId != null ? { typeId: p.typeId } : {}),
        ...(p.statusId != null ? { statusId: p.statusId } : {}),
        ...(p.contactOriginId != null ? { contactOriginId: p.contactOriginId } : {}),
        ...(p.availabilityIds?.length ? { availabilityIds: p.availabilityIds } : {}),
        ...(p.responsibleUserIds?.length ? { responsibleUserIds: p.responsibleUserIds } : {}),
        ...(p.openServiceOrder !== undefined ? { openServiceOrder: p.openServiceOrder } : {}),
      },
      { signal },
    );
    return { ticket: { id: ticket.id, protocol: ticket.protocol } };
  }
  const target = await requireServerTicket(ctx.store, action.ticketKey);
  switch (action.kind) {
    case 'reply': {
      const message = await client.addMessage(target.id, action.payload.text, { signal });
      return { messageId: message.id, messageCreatedAt: message.createdAt };
    }
    case 'update': {
      const p = action.payload;
      await client.editTicket(
        target.id,
        {
          ...(p.statusId != null ? { statusId: p.statusId } : {}),
          ...(p.typeId != null ? { typeId: p.typeId } : {}),
          ...(p.description != null ? { description: p.description } : {}),
        },
        { signal },
      );
      return {};
    }
    case 'close': {
      const p = action.payload;
      const closed = await client.closeTicket(
        target.id,
        {
          ...(p.reasonId != null ? { reasonId: p.reasonId } : {}),
          ...(p.description != null ? { description: p.description } : {}),
          ...(p.closingStatus != null ? { closingStatus: p.closingStatus } : {}),
        },
        { signal },
      );
      return closingOutcome(p.reasonId ?? null, closed.closingReasonId);
    }
    case 'attach':
      return upload(action, target, ctx);
  }
}

/**
 * Fact 27: the PUT answers the raw model, so the reason the server kept can be checked. A server
 * that ignored the reason (fact 57: "success" that did nothing) closed the ticket anyway: the
 * action is sent, and its result carries the difference for the agent to see.
 */
function closingOutcome(sentReasonId: number | null, appliedReasonId: number | null): SentOutcome {
  if (sentReasonId === null || sentReasonId === appliedReasonId) return {};
  return { result: { closingReasonMismatch: { sent: sentReasonId, applied: appliedReasonId } } };
}

async function requireServerTicket(store: Store, key: string): Promise<ServerTicket> {
  const target = await serverTicketOf(store, key);
  if (!target) {
    throw new ActionRefused(
      'O atendimento não existe no HubSoft (a abertura dele não foi enviada): esta ação não pode ser enviada.',
    );
  }
  return target;
}

async function stagedFilesOf(
  action: Extract<OutboxAction, { kind: 'attach' }>,
  store: Store,
): Promise<StagedAttachment[]> {
  const files = await store.getStagedAttachments(action.payload.stagedIds);
  if (files.length !== action.payload.stagedIds.length) {
    throw new ActionRefused(
      'Um dos arquivos deste anexo não está mais preparado para envio. Anexe-o novamente.',
    );
  }
  const unusable = await firstUnusableFile(files);
  if (unusable) {
    throw new ActionRefused(
      `O arquivo "${unusable.originalName}" não está mais disponível para envio (foi apagado ou ` +
        'alterado na pasta de anexos). Anexe-o novamente.',
    );
  }
  return files;
}

async function upload(
  action: Extract<OutboxAction, { kind: 'attach' }>,
  target: ServerTicket,
  ctx: DeliveryContext,
): Promise<SentOutcome> {
  const files = await stagedFilesOf(action, ctx.store);
  const before = await attachmentCountOf(ctx.client, target, ctx.now(), ctx.signal);
  await saveAttachBaseline(ctx.store, action.id, before);
  await ctx.client.addAttachments(
    target.id,
    files.map((file) => ({ path: file.stagedPath, name: file.originalName, mimeType: file.mime })),
    {
      signal: ctx.signal,
      onProgress: (progress) =>
        ctx.progress({ actionId: action.id, ticketKey: action.ticketKey, ...progress }),
    },
  );
  // Kept with the action: the ticket's timeline lists what this app uploaded.
  return {
    result: {
      files: files.map((file) => ({ name: file.originalName, size: file.size, mime: file.mime })),
    },
  };
}

async function finishSent(
  action: OutboxAction,
  outcome: SentOutcome,
  ctx: DeliveryContext,
): Promise<void> {
  try {
    await ctx.store.markActionSent(action.id, outcome);
  } catch (error) {
    // A detail fetch may have stored the server's copy of this message under its id already.
    if (action.kind !== 'reply' || outcome.messageId === undefined) throw error;
    await ctx.store.markActionSent(
      action.id,
      outcome.result === undefined ? {} : { result: outcome.result },
    );
  }
  ctx.changed([action.ticketKey]);
  if (action.kind === 'attach') {
    try {
      const files = await ctx.store.getStagedAttachments(action.payload.stagedIds);
      await removeStaged(ctx.store, ctx.stagingDir, files);
      await clearAttachBaseline(ctx.store, action.id);
    } catch {
      // The upload is done and recorded; a staged copy left behind only takes disk space.
    }
  }
}

async function needsAttention(
  action: OutboxAction,
  message: string,
  ctx: DeliveryContext,
): Promise<void> {
  await ctx.store.markActionNeedsAttention(action.id, { code: 'needs_attention', message });
  ctx.changed([action.ticketKey]);
}

/** Whether a failure says anything about the server being reachable. */
function reportReachability(error: unknown, connectivity: ConnectivitySignal): void {
  if (!(error instanceof HubsoftError)) return;
  if (error.kind === 'network' || error.kind === 'timeout') connectivity.report('unreachable');
  else if (error.status !== null) connectivity.report('reachable');
}

async function settleFailure(
  flight: InFlight,
  error: unknown,
  ctx: DeliveryContext,
): Promise<void> {
  const { store, now } = ctx;
  const action = flight.action;
  const failure = classifyFailure(error);
  reportReachability(error, ctx.connectivity);
  if (failure === 'refused') {
    // The store takes the local change back (the pending message disappears); the text stays.
    await store.markActionFailed(action.id, {
      code: failureCode(error),
      message: failureMessage(error),
    });
    ctx.changed([action.ticketKey]);
    return;
  }
  const stopping = failure === 'cancelled' || ctx.signal.aborted;
  if (failure === 'internal' && !stopping) {
    // Retrying would meet the same bug, and waiting "offline" would hide it: the agent decides.
    ctx.log.error(
      { err: defectOf(error), actionId: action.id, kind: action.kind },
      'outbox defect',
    );
    await store.markActionNeedsAttention(action.id, {
      code: 'internal',
      message:
        'Erro interno do HubDesk ao enviar; tente de novo ou descarte. Detalhes no diagnóstico.',
    });
    ctx.changed([action.ticketKey]);
    return;
  }
  const free = stopping || failure === 'offline' || failure === 'auth' || !ctx.connectivity.online;
  const at = now().getTime();
  const earlierReadBackFailures = readBackFailuresOf(action.lastError);
  const readBackFailures =
    flight.uncertain && !free ? earlierReadBackFailures + 1 : earlierReadBackFailures;
  const firstFailedAt = action.firstFailedAt ? Date.parse(action.firstFailedAt) : at;
  if (!free && at - firstFailedAt >= attentionAfterMs) {
    return needsAttention(
      action,
      `O envio desta ação falha há mais de 24 horas (${failureMessage(error)}). ` +
        'Tente de novo ou descarte a ação.',
      ctx,
    );
  }
  if (readBackFailures >= maxReadBackFailures) {
    return needsAttention(
      action,
      'Não foi possível confirmar no HubSoft se esta ação foi aplicada: a conferência falhou ' +
        `${readBackFailures} vezes (${failureMessage(error)}). Confira o atendimento e reenvie ou descarte a ação.`,
      ctx,
    );
  }
  const delay = stopping
    ? 0
    : failure === 'auth'
      ? ctx.timing.authWaitMs
      : Math.max(
          retryDelayMs(free ? 1 : action.attempts, ctx.timing, ctx.random),
          error instanceof HubsoftError ? (error.retryAfterMs ?? 0) : 0,
        );
  const nextAttemptAt = new Date(at + delay).toISOString();
  const lastError: ActionError = flight.uncertain
    ? {
        code: awaitingReadBack,
        message: `Aguardando confirmação do HubSoft: ${failureMessage(error)}`,
        details: { readBackFailures },
      }
    : { code: failureCode(error), message: failureMessage(error) };
  await store.scheduleActionRetry(action.id, {
    error: lastError,
    nextAttemptAt,
    countAttempt: !free,
  });
  ctx.changed([action.ticketKey]);
  if (!stopping) ctx.retryAt(nextAttemptAt);
}

function readBackFailuresOf(error: ActionError | null): number {
  if (error?.code !== awaitingReadBack) return 0;
  const details = error.details;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return 0;
  return typeof details.readBackFailures === 'number' ? details.readBackFailures : 0;
}
