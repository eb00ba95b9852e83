/**
 * Files the agent attaches: checked for size and emptiness before they are staged in main, then
 * sent with actions.attach. The native picker stages by itself; elsewhere the bytes go as base64.
 */
import { maxAttachmentBytes } from '../../../preload/schemas';
import type { StagedAttachment } from '../../../preload/types';
import { errorCode, hubdesk } from './hubdesk';
import { errorMessage } from './hubdesk-call';
import { formatBytes } from './format';
import { t } from './i18n.svelte';
import { pastedFileName } from './locale-format';

export interface StageOutcome {
  staged: StagedAttachment[];
  problems: string[];
}

function fileProblem(file: File): string | null {
  if (file.size === 0) return t('attach.empty', { name: file.name });
  if (file.size > maxAttachmentBytes) {
    return t('attach.tooLarge', {
      name: file.name,
      size: formatBytes(file.size),
      max: formatBytes(maxAttachmentBytes),
    });
  }
  return null;
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}

/** A pasted screenshot has no useful name: give it one the agent recognises. */
function nameOf(file: File): string {
  if (file.name && file.name !== 'image.png') return file.name;
  return pastedFileName(new Date(), file.type);
}

export async function stageFiles(files: readonly File[]): Promise<StageOutcome> {
  const outcome: StageOutcome = { staged: [], problems: [] };
  for (const file of files) {
    const problem = fileProblem(file);
    if (problem) {
      outcome.problems.push(problem);
      continue;
    }
    try {
      const base64 = await base64Of(file);
      outcome.staged.push(
        await hubdesk().attachments.stage({
          name: nameOf(file),
          mimeType: file.type || 'application/octet-stream',
          base64,
        }),
      );
    } catch (error) {
      // A file deleted or moved after it was chosen cannot be read.
      const reason = error instanceof DOMException ? t('attach.vanished') : errorMessage(error);
      outcome.problems.push(`${file.name}: ${reason}`);
    }
  }
  return outcome;
}

/** The native picker; null when this shell has none (the browser host), so a file input is used. */
export async function pickNative(): Promise<StageOutcome | null> {
  try {
    return { staged: await hubdesk().attachments.pick(), problems: [] };
  } catch (error) {
    if (errorCode(error) === 'unavailable') return null;
    return { staged: [], problems: [errorMessage(error)] };
  }
}

export async function discardStaged(id: string): Promise<void> {
  await hubdesk()
    .attachments.discard(id)
    .catch(() => undefined);
}
