/**
 * How the screens read an outbox action's state. States this renderer does not know yet (a
 * waiting state added by a newer main process) are shown generically: by the action's own
 * message when it has one, otherwise as "waiting".
 */
import type { ActionState, OutboxAction } from '../../../preload/types';
import { t } from './i18n.svelte';

const known: ReadonlySet<string> = new Set<ActionState>([
  'queued',
  'sending',
  'sent',
  'failed',
  'needs_attention',
  'discarded',
]);

export function isTroubled(state: string): boolean {
  return state === 'failed' || state === 'needs_attention';
}

/** The badge's words for the state. */
export function stateLabel(state: string): string {
  return known.has(state) ? t(`outbox.state.${state as ActionState}`) : t('outbox.state.waiting');
}

/** Why the action is where it is, in the server's or main's words, when there is a reason. */
export function stateReason(action: OutboxAction): string | null {
  return action.lastError?.message ?? null;
}

/** The badge's colour class. */
export function stateTone(state: string): 'failed' | 'ok' | 'pending' {
  if (isTroubled(state)) return 'failed';
  return state === 'sent' ? 'ok' : 'pending';
}
