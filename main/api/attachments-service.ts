/**
 * The `attachments` area: files are staged (copied into the profile's staging folder and checked
 * for size) before an attach action can name them, so a file too big or empty is refused before
 * anything is queued, and a queued upload does not depend on the original staying where it was.
 */
import type { Services } from '../../preload/contract';
import { AppError } from '../../preload/errors';
import type { StagedAttachment } from '../../preload/types';
import { withContractErrors } from '../outbox/contract-errors';
import { removeStaged, stageBytes, stagePath } from '../outbox/staged-files';
import type { CurrentWorkspace } from './workspace';

export interface AttachmentsServiceOptions {
  /** The native file dialog (Electron): the paths the agent chose, none when cancelled. */
  pickFiles?: () => Promise<string[]>;
}

export function createAttachmentsService(
  current: CurrentWorkspace,
  options: AttachmentsServiceOptions = {},
): Services['attachments'] {
  return {
    pick: () =>
      withContractErrors(async () => {
        const { pickFiles } = options;
        if (!pickFiles) throw new AppError('unavailable', 'Use o botão de anexar do navegador.');
        const paths = await pickFiles();
        const workspace = current();
        const staged: StagedAttachment[] = [];
        try {
          for (const path of paths) {
            staged.push(await stagePath(workspace.store, workspace.profile.stagingDir, path));
          }
        } catch (error) {
          // All or none: the caller never learns the ids of the files staged before the refusal.
          await removeStaged(workspace.store, workspace.profile.stagingDir, staged);
          throw error;
        }
        return staged;
      }),

    stage: (input) =>
      withContractErrors(() => {
        const workspace = current();
        return stageBytes(workspace.store, workspace.profile.stagingDir, input);
      }),

    discard: (id) =>
      withContractErrors(async () => {
        const workspace = current();
        const [file] = await workspace.store.getStagedAttachments([id]);
        if (!file) throw new AppError('not_found', 'Anexo preparado não encontrado.');
        const queued = await workspace.store.listActions({
          states: ['queued', 'sending', 'failed', 'needs_attention'],
        });
        if (queued.some((a) => a.kind === 'attach' && a.payload.stagedIds.includes(id))) {
          throw new AppError(
            'invalid_input',
            'Este arquivo já está na fila de envio; descarte a ação na fila para removê-lo.',
          );
        }
        await removeStaged(workspace.store, workspace.profile.stagingDir, [file]);
        return null;
      }),
  };
}
