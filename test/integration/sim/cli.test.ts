import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

function run(args: string[]): {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
} {
  const child = spawn(tsx, ['main/sim/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, output: () => ({ stdout, stderr }) };
}

describe('npm run sim', () => {
  it('prints its address when ready, answers there, and exits cleanly on SIGTERM', async () => {
    const { child, output } = run(['--port', '0', '--tickets', '50', '--seed', '4']);
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', () => {
        const first = output().stdout.split('\n')[0] ?? '';
        if (output().stdout.includes('\n')) resolve(first);
      });
      child.once('exit', () => reject(new Error(`exited early: ${output().stderr}`)));
    });
    expect(line).toMatch(/^HubSoft simulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace('HubSoft simulator listening on ', '');
    const response = await fetch(`${url}/api/v1/integracao/atendimento/todos`);
    expect(response.status).toBe(401);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses an unknown flag or a bad value with a clear message and exit code 2', async () => {
    for (const args of [
      ['--prot', '80'],
      ['--tickets', 'muitos'],
    ]) {
      const { child, output } = run(args);
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(2);
      expect(output().stderr).toContain(args[0]);
      expect(output().stderr).toContain('usage: npm run sim');
    }
  });
});
