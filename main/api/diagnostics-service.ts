/**
 * `app.exportDiagnostics()`: asks where to save (Electron's save dialog; the browser host has none
 * and saves under the data folder), then writes the bundle. Cancelling answers null; a place that
 * cannot be written is an `unavailable` error the agent can read.
 */
import { AppError } from '../../preload/errors';
import type { ConfigListFailure } from '../../preload/types';
import type { CompatibilityReport } from '../session/compatibility/report';
import type { AppEnvironment } from './app-service';
import {
  defaultDiagnosticsDestination,
  diagnosticsFileName,
  exportDiagnostics,
  type DiagnosticsSummary,
} from './diagnostics';

export interface DiagnosticsServiceOptions {
  environment: AppEnvironment;
  /** The settings to include, read when the agent asks (they may have changed since start). */
  readSettings: () => Promise<unknown> | unknown;
  /** The newest compatibility report, when one was made. */
  readCompatibility?: () => Promise<CompatibilityReport | null>;
  /** The configuration lists the last refresh could not read (the status bar's list). */
  readConfigListFailures?: () => ConfigListFailure[];
  /** The save dialog, given a suggested file name; null when the agent cancels. */
  chooseDestination?: (suggestedName: string) => Promise<string | null>;
  now?: () => Date;
}

export function createDiagnosticsExport(
  options: DiagnosticsServiceOptions,
): () => Promise<DiagnosticsSummary | null> {
  const now = options.now ?? (() => new Date());
  const { dataDir } = options.environment;
  return async () => {
    const at = now();
    const destination = options.chooseDestination
      ? await options.chooseDestination(diagnosticsFileName(at))
      : defaultDiagnosticsDestination(dataDir, at);
    if (destination === null) return null;
    try {
      return await exportDiagnostics({
        dataDir,
        destination,
        environment: options.environment,
        settings: await options.readSettings(),
        compatibility: (await options.readCompatibility?.()) ?? null,
        configListFailures: options.readConfigListFailures?.() ?? [],
        now: at,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'erro desconhecido';
      throw new AppError(
        'unavailable',
        `Não foi possível salvar o diagnóstico em ${destination} (${code}).`,
      );
    }
  };
}
