/** Command-line options of the browser host, parsed strictly so a typo is an error, not a default. */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface HostCliOptions {
  port: number;
  dataDir: string;
  serverUrl: string | null;
  demo: boolean;
}

/** Electron's `userData` folder for HubDesk, so the host keeps its data beside the app's. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'HubDesk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'HubDesk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'HubDesk');
}

export function parseHostOptions(argv: readonly string[]): HostCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      server: { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  let serverUrl: string | null = null;
  if (values.server !== undefined) {
    try {
      serverUrl = new URL(values.server).toString();
    } catch {
      throw new Error(
        `--server must be a URL such as https://hubsoft.example.com, not "${values.server}"`,
      );
    }
  }
  return {
    port,
    dataDir: path.resolve(values['data-dir'] ?? path.join(defaultUserDataDir(), 'browser-host')),
    serverUrl,
    demo: values.demo,
  };
}
