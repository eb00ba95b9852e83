/**
 * How the screens read an outbox action's state. States this renderer does not know yet (a
 * waiting state added by a newer main process) are shown generically, as "waiting", with the
 * action's own message beside them (see error-text.ts).
 */
import type { ActionState } from '../../../preload/types';
import type { MessageKey } from '../locales/pt-BR';

const known: ReadonlySet<string> = new Set<ActionState>([
  'queued',
  'sending',
  'sent',
  'failed',
  'needs_attention',
  'discarded',
]);

/**
 * The action waits for the agent: refused, unprovable, or in a state this renderer does not know
 * (a newer main's waiting state, e.g. news on the ticket since the reply was written), which is
 * treated the same way so the agent can still retry, edit or discard it.
 */
export function isTroubled(state: string): boolean {
  return state === 'failed' || state === 'needs_attention' || !known.has(state);
}

/** The message key of the badge's words for the state. */
export function stateLabelKey(state: string): MessageKey {
  return known.has(state) ? `outbox.state.${state as ActionState}` : 'outbox.state.waiting';
}

/** The badge's colour class. */
export function stateTone(state: string): 'failed' | 'ok' | 'pending' {
  if (isTroubled(state)) return 'failed';
  return state === 'sent' ? 'ok' : 'pending';
}
