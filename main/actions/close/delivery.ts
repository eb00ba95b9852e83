/** Sending a close (facts 25, 27), and reading it back: whether the ticket shows closed. */
import { HubsoftError } from '../../hubsoft/errors';
import type { SentOutcome } from '../../store/types';
import type { DeliverySide } from '../delivery-side';
import { actionTicketDetail, isVerdict, missing } from '../read-back';
import { requireServerTicket } from '../server-target';

/**
 * Fact 27: the PUT answers the raw model, so the reason the server kept can be checked. A server
 * that ignored the reason (fact 57: "success" that did nothing) closed the ticket anyway: the
 * action is sent, and its result carries the difference for the agent to see.
 */
function closingOutcome(sentReasonId: number | null, appliedReasonId: number | null): SentOutcome {
  if (sentReasonId === null || sentReasonId === appliedReasonId) return {};
  return { result: { closingReasonMismatch: { sent: sentReasonId, applied: appliedReasonId } } };
}

export const closeDelivery: DeliverySide<'close'> = {
  needsServerTicket: true,
  async send(action, { store, client, signal }) {
    const target = await requireServerTicket(store, action.ticketKey);
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
  },
  async readBack(action, deps) {
    const ticket = await actionTicketDetail(action, deps);
    if (isVerdict(ticket)) return ticket;
    return ticket.closedAt !== null ? { verdict: 'sent', outcome: {} } : missing;
  },
  /**
   * Closing fails by rule with a 4xx or 5xx carrying the reason (fact 15); behind a gateway a 5xx
   * may also follow the commit. The reason is kept to be shown if the read-back finds no close.
   */
  refusalIn(error) {
    if (!(error instanceof HubsoftError)) return null;
    const reason = error.details.serverMessage;
    if (error.status === null || error.status < 500 || reason === undefined) return null;
    return new HubsoftError('business', reason, { status: error.status, details: error.details });
  },
};
