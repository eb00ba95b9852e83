/**
 * The ticket's `anexos_count` read just before an upload, kept on the action's own row: HubSoft
 * has no endpoint listing attachments, so after an unanswered upload this count is the only way
 * to tell whether the files arrived. On the row it survives what a sync checkpoint did not: the
 * sign-out purge and the crash salvage.
 */
import type { Store } from '../../store/client';

/** `count` is null when the server did not tell it: the upload then cannot be checked. */
export interface AttachBaseline {
  count: number | null;
}

/** Written before every upload starts: no baseline means no upload of this action ever began. */
export async function saveAttachBaseline(
  store: Store,
  actionId: number,
  count: number | null,
): Promise<void> {
  await store.setActionReadBackState(actionId, { attachBaseline: { count } });
}

export async function attachBaseline(
  store: Store,
  actionId: number,
): Promise<AttachBaseline | null> {
  const state = await store.getActionReadBackState(actionId);
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return null;
  const baseline = state.attachBaseline;
  if (typeof baseline !== 'object' || baseline === null || Array.isArray(baseline)) return null;
  return { count: typeof baseline.count === 'number' ? baseline.count : null };
}

export async function clearAttachBaseline(store: Store, actionId: number): Promise<void> {
  await store.setActionReadBackState(actionId, null);
}
