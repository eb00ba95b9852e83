/**
 * What the app does when it cannot start after Electron is ready (the cache cannot open, the
 * data folder is unwritable): without this the rejection went unhandled and the process stayed
 * alive with no window. The agent is told in Portuguese, offered a diagnostics bundle for
 * support, and the app ends.
 */
import type { Dialog } from 'electron';
import type { Logger } from '../log/logger';

export interface StartupFailureGlue {
  dialog: Pick<Dialog, 'showMessageBox' | 'showSaveDialog'>;
  log: Logger;
  /** Where the save dialog proposes to put the bundle. */
  suggestedPath: string;
  /** Writes the diagnostics bundle (logs included, so the failure logged above travels with it). */
  exportDiagnostics: (destination: string) => Promise<unknown>;
  /** Ends the process once nothing else is left to do. */
  exit: (code: number) => void;
}

const exportButton = 0;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function handleStartupFailure(
  error: unknown,
  glue: StartupFailureGlue,
): Promise<void> {
  glue.log.error({ err: error }, 'startup failed');
  try {
    const { response } = await glue.dialog.showMessageBox({
      type: 'error',
      title: 'HubDesk',
      message: 'O HubDesk não conseguiu iniciar.',
      detail:
        `Motivo: ${reasonOf(error)}\n\n` +
        'Exporte o diagnóstico e envie o arquivo ao suporte da sua empresa; nada do que foi ' +
        'digitado ou enfileirado foi apagado.',
      buttons: ['Exportar diagnóstico', 'Fechar'],
      defaultId: exportButton,
      cancelId: 1,
      noLink: true,
    });
    if (response === exportButton) await offerDiagnostics(glue);
  } catch (dialogError) {
    glue.log.error({ err: dialogError }, 'startup failure dialog failed');
  } finally {
    glue.exit(1);
  }
}

async function offerDiagnostics(glue: StartupFailureGlue): Promise<void> {
  const { canceled, filePath } = await glue.dialog.showSaveDialog({
    defaultPath: glue.suggestedPath,
    filters: [{ name: 'JSON', extensions: ['json'] }],
  });
  if (canceled || !filePath) return;
  try {
    await glue.exportDiagnostics(filePath);
    await glue.dialog.showMessageBox({
      type: 'info',
      title: 'HubDesk',
      message: 'Diagnóstico salvo.',
      detail: filePath,
    });
  } catch (exportError) {
    glue.log.error({ err: exportError }, 'diagnostics export failed');
    await glue.dialog.showMessageBox({
      type: 'error',
      title: 'HubDesk',
      message: 'Não foi possível salvar o diagnóstico.',
      detail: reasonOf(exportError),
    });
  }
}
