/**
 * The ticket's `anexos_count` read just before an upload, kept durably: HubSoft has no endpoint
 * listing attachments, so after an unanswered upload this count is the only way to tell whether
 * the files arrived.
 */
import type { Store } from '../store/client';

function checkpointName(actionId: number): string {
  return `outbox.attach-baseline.${actionId}`;
}

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
  await store.setCheckpoint(checkpointName(actionId), { count });
}

export async function attachBaseline(
  store: Store,
  actionId: number,
): Promise<AttachBaseline | null> {
  const value = await store.getCheckpoint(checkpointName(actionId));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return { count: typeof value.count === 'number' ? value.count : null };
}

export async function clearAttachBaseline(store: Store, actionId: number): Promise<void> {
  await store.setCheckpoint(checkpointName(actionId), null);
}
