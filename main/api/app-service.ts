import type { AppInfo, Services, Shell } from '../../preload/contract';
import type { DiagnosticsExport } from '../../preload/types';
import { createDiagnosticsExport } from './diagnostics-service';

export interface AppEnvironment {
  name: string;
  version: string;
  platform: string;
  shell: Shell;
  dataDir: string;
  defaultServerUrl: string | null;
}

export function createAppService(
  environment: AppEnvironment,
  exportDiagnostics: () => Promise<DiagnosticsExport | null> = createDiagnosticsExport({
    environment,
    readSettings: () => ({}),
  }),
): Services['app'] {
  const info: AppInfo = { ...environment };
  return { info: () => info, exportDiagnostics };
}
