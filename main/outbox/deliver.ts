/**
 * One action's trip to HubSoft: mark it sending, send it (reading back first when an earlier try
 * left its outcome unknown), and settle it in the store: sent, failed with the server's words,
 * scheduled for a retry, or handed to the agent. Every transition is reported so the UI follows.
 */
import { deliveryOf } from '../actions/registry';
import type { DeliveryContext } from '../actions/delivery-side';
import { HubsoftError } from '../hubsoft/errors';
import type { ActionError, OutboxAction, SentOutcome } from '../store/types';
import type { ConnectivitySignal } from '../sync/connectivity-signal';
import { defectOf, logAttempt, type AttemptStep } from './attempt-log';
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
} from './retry-policy';

export type { DeliveryContext, UploadProgressEvent } from '../actions/delivery-side';

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
    const needsTicket = deliveryOf(picked).needsServerTicket;
    if (needsTicket && (await ctx.store.isTicketGone(picked.ticketKey))) {
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

/**
 * The steps every kind goes through: read back first while the outcome is unknown, then send;
 * each step writes one log line. A pre-send check (a look at the ticket before a reply goes out)
 * belongs just before the 'send' step, as an optional step of the kind's delivery side.
 */
async function sendUntilSettled(flight: InFlight, ctx: DeliveryContext): Promise<void> {
  const { action } = flight;
  const kind = deliveryOf(action);
  /** A refusal the server gave with an unknown outcome: shown if the read-back finds nothing. */
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
        () => kind.send(action, ctx),
        () => 'sent',
      );
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure === 'ambiguous') {
        refusalUnlessApplied = kind.refusalIn?.(error) ?? null;
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

async function finishSent(
  action: OutboxAction,
  outcome: SentOutcome,
  ctx: DeliveryContext,
): Promise<void> {
  await ctx.store.markActionSent(action.id, outcome);
  ctx.changed([action.ticketKey]);
  await deliveryOf(action).afterSent?.(action, ctx);
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
