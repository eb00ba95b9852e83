/**
 * `npm run host -- [--port N] [--data-dir DIR] [--server URL] [--demo]`: the browser host in the
 * foreground.
 * Prints one line with the address (including the per-run secret) when ready; stops on SIGINT or
 * SIGTERM.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from '../api/core';
import { createLogger } from '../log/logger';
import { parseHostOptions, type HostCliOptions } from './options';
import { startHost } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = path.join(root, 'out', 'renderer');

function readOptions(): HostCliOptions {
  try {
    return parseHostOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`hubdesk host: ${(error as Error).message}`);
    console.error('usage: npm run host -- [--port N] [--data-dir DIR] [--server URL] [--demo]');
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error('hubdesk host: the renderer is not built; run `npm run build` first.');
    process.exit(1);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const { logger, close: closeLog } = createLogger({ dataDir: options.dataDir, stderr: false });
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    productName: string;
    version: string;
  };

  const core = await startCore({
    environment: {
      name: pkg.productName,
      version: pkg.version,
      platform: process.platform,
      shell: 'browser-host',
      dataDir: options.dataDir,
      defaultServerUrl: options.serverUrl,
    },
    demo: options.demo,
    log: logger,
  });
  const host = await startHost({
    port: options.port,
    rendererDir,
    services: core.services,
    events: core.events,
    onInternalError: (name, error) => logger.error({ err: error, method: name }, 'service failed'),
  });
  console.log(`HubDesk browser host: ${host.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void Promise.all([host.close(), core.dispose()]).then(() => {
      closeLog();
      console.error(`hubdesk host: stopped (${signal})`);
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
