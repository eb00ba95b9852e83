/** Starts the browser host as a real child process, the way `npm run host` does. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface HostProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const readyLine = /HubDesk browser host: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;

/** `env` adds to (or overrides) this process's environment for the host. */
export function startHostProcess(
  args: string[],
  options: { env?: Record<string, string> } = {},
): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/host/cli.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = readyLine.exec(output);
      if (match?.[1]) {
        resolve({
          url: match[1],
          child,
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`host exited with ${code} before ready:\n${output}`)),
    );
  });
}
