/**
 * Reading back an action whose outcome is unknown: the request went out and no answer came (or
 * the app died while it was in flight). Each kind knows what to look for on the server (see its
 * `readBack` in main/actions); what every kind shares is settled here: a ticket whose detail the
 * server no longer has is 'gone' (whatever the write did, it did it to a deleted ticket, so there
 * is nothing to send again and nothing to duplicate), and a server that answered without showing
 * the ticket leaves the outcome 'unproven', for the agent.
 */
import { deliveryOf } from '../actions/registry';
import {
  TicketGone,
  unproven,
  type ReadBackDeps,
  type ReadBackVerdict,
} from '../actions/read-back';
import { HubsoftError } from '../hubsoft/errors';
import type { OutboxAction } from '../store/types';
import { classifyFailure } from './retry-policy';

export type { ReadBackDeps, ReadBackVerdict } from '../actions/read-back';

export async function readBack(action: OutboxAction, deps: ReadBackDeps): Promise<ReadBackVerdict> {
  try {
    return await deliveryOf(action).readBack(action, deps);
  } catch (error) {
    if (error instanceof TicketGone) return { verdict: 'gone' };
    // The server answered, but not with the ticket: nothing more can be learnt by asking again.
    if (classifyFailure(error) === 'refused' && error instanceof HubsoftError) {
      return unproven(`o HubSoft não mostrou o atendimento para conferência (${error.message})`);
    }
    throw error;
  }
}
