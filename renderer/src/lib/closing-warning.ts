/**
 * A close the server accepted with another reason than the one sent (fact 27: the outbox compares
 * the reason in the PUT answer with the one it sent and records both in the action's result).
 */
import type { OutboxAction } from '../../../preload/types';

export interface ClosingReasonMismatch {
  sent: number;
  applied: number | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function closingReasonMismatch(action: OutboxAction): ClosingReasonMismatch | null {
  if (action.kind !== 'close' || action.state !== 'sent' || !isRecord(action.result)) return null;
  const mismatch = action.result.closingReasonMismatch;
  if (!isRecord(mismatch) || typeof mismatch.sent !== 'number') return null;
  const applied = typeof mismatch.applied === 'number' ? mismatch.applied : null;
  return { sent: mismatch.sent, applied };
}
