/**
 * The `drafts` area: what the agent is typing, kept durably. The UI saves within a second of
 * typing; here each save is one write to the profile's database, so it survives crashes,
 * restarts and re-logins. Drafts are deleted by the actions service once their action is queued.
 */
import type { Services } from '../../preload/contract';
import type { Draft } from '../../preload/types';
import { withContractErrors } from '../outbox/contract-errors';
import type { JsonValue } from '../store/types';
import type { CurrentWorkspace } from './workspace';

export function createDraftsService(current: CurrentWorkspace): Services['drafts'] {
  return {
    get: (key) =>
      withContractErrors(async (): Promise<Draft | null> => current().store.getDraft(key)),
    // The contract's schema already checked the value is bounded JSON.
    save: (key, value) =>
      withContractErrors(async (): Promise<Draft> =>
        current().store.saveDraft(key, value as JsonValue),
      ),
    discard: (key) =>
      withContractErrors(async () => {
        await current().store.discardDraft(key);
        return null;
      }),
  };
}
