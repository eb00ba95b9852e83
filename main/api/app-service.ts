import type { AppInfo, Services, Shell } from '../../preload/contract';

export interface AppEnvironment {
  name: string;
  version: string;
  platform: string;
  shell: Shell;
  dataDir: string;
  defaultServerUrl: string | null;
}

export function createAppService(environment: AppEnvironment): Services['app'] {
  const info: AppInfo = { ...environment };
  return {
    info: () => info,
  };
}
