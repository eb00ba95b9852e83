/**
 * Uploading staged files (fact 30), and reading the upload back: `anexos_count` (a `/paginado`
 * row, fact 34) against the count saved on the action's row just before the upload started.
 */
import { attachmentCountOf } from '../../outbox/attachment-count';
import { ActionRefused } from '../../outbox/retry-policy';
import type { ServerTicket } from '../../outbox/server-ticket';
import { serverTicketOf } from '../../outbox/server-ticket';
import { firstUnusableFile, removeStaged } from '../../outbox/staged-files';
import type { Store } from '../../store/client';
import type { StagedAttachment } from '../../store/types';
import type { DeliverySide } from '../delivery-side';
import { detailOf, missing, unproven, type ReadBackDeps } from '../read-back';
import { requireServerTicket } from '../server-target';
import type { ActionOf } from '../store-side';
import { attachBaseline, clearAttachBaseline, saveAttachBaseline } from './baseline';

async function stagedFilesOf(
  action: ActionOf<'attach'>,
  store: Store,
): Promise<StagedAttachment[]> {
  const files = await store.getStagedAttachments(action.payload.stagedIds);
  if (files.length !== action.payload.stagedIds.length) {
    throw new ActionRefused(
      'Um dos arquivos deste anexo não está mais preparado para envio. Anexe-o novamente.',
    );
  }
  const unusable = await firstUnusableFile(files);
  if (unusable) {
    throw new ActionRefused(
      `O arquivo "${unusable.originalName}" não está mais disponível para envio (foi apagado ou ` +
        'alterado na pasta de anexos). Anexe-o novamente.',
    );
  }
  return files;
}

/**
 * A ticket missing from the list rows may have been deleted: its detail says so (read by
 * `readBack` as 'gone'); a ticket that is still there leaves the count unknown.
 */
async function requireDetail(target: ServerTicket, deps: ReadBackDeps): Promise<void> {
  if (target.protocol) await detailOf(target.protocol, deps);
}

export const attachDelivery: DeliverySide<'attach'> = {
  needsServerTicket: true,
  async send(action, ctx) {
    const target = await requireServerTicket(ctx.store, action.ticketKey);
    const files = await stagedFilesOf(action, ctx.store);
    const before = await attachmentCountOf(ctx.client, target, ctx.now(), ctx.signal);
    await saveAttachBaseline(ctx.store, action.id, before);
    await ctx.client.addAttachments(
      target.id,
      files.map((file) => ({
        path: file.stagedPath,
        name: file.originalName,
        mimeType: file.mime,
      })),
      {
        signal: ctx.signal,
        onProgress: (progress) =>
          ctx.progress({ actionId: action.id, ticketKey: action.ticketKey, ...progress }),
      },
    );
    // Kept with the action: the ticket's timeline lists what this app uploaded.
    return {
      result: {
        files: files.map((file) => ({ name: file.originalName, size: file.size, mime: file.mime })),
      },
    };
  },
  async readBack(action, deps) {
    const baseline = await attachBaseline(deps.store, action.id);
    // The baseline is saved before any upload starts: without one, nothing was ever sent.
    if (baseline === null) return missing;
    const before = baseline.count;
    const target = await serverTicketOf(deps.store, action.ticketKey);
    if (!target) return unproven('o atendimento não está mais no cache para conferência');
    if (before === null) {
      await requireDetail(target, deps);
      return unproven('não se sabe quantos anexos o atendimento tinha antes do envio');
    }
    const count = await attachmentCountOf(deps.client, target, deps.now(), deps.signal);
    if (count === null) {
      await requireDetail(target, deps);
      return unproven('o HubSoft não informou a quantidade de anexos');
    }
    if (count === before) return missing;
    if (count >= before + action.payload.stagedIds.length) return { verdict: 'sent', outcome: {} };
    return unproven(
      `o atendimento tinha ${before} anexo(s) e agora tem ${count}; não se sabe quais chegaram`,
    );
  },
  async afterSent(action, ctx) {
    try {
      const files = await ctx.store.getStagedAttachments(action.payload.stagedIds);
      await removeStaged(ctx.store, ctx.stagingDir, files);
      await clearAttachBaseline(ctx.store, action.id);
    } catch {
      // The upload is done and recorded; a staged copy left behind only takes disk space.
    }
  },
};
