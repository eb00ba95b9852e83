/**
 * Child processes of a benchmark: the simulator (so its page rendering does not load the
 * measured thread) and a benchmark's own measuring run (so its memory starts clean).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface SimulatorProcess {
  url: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null) done();
    else child.once('exit', () => done());
  });
  return () => {
    child.kill('SIGTERM');
    return exited;
  };
}

/** `npm run sim` in a child process; resolves once it listens. */
export async function startSimulatorProcess(options: {
  tickets: number;
  latencyMs: number;
  seed?: number;
}): Promise<SimulatorProcess> {
  const args = ['--port', '0', '--seed', String(options.seed ?? 42)];
  args.push('--tickets', String(options.tickets), '--latency', String(options.latencyMs));
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/sim/cli.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (!child.stdout) throw new Error('the simulator has no stdout');
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match?.[1]) return { url: match[1], stop: stopper(child) };
  }
  throw new Error('the simulator exited before listening');
}

const resultPrefix = 'BENCH_RESULT ';

/** What a child measuring run prints as its last word, for `runMeasuringChild` to read. */
export function printChildResult(result: unknown): void {
  console.log(`${resultPrefix}${JSON.stringify(result)}`);
}

/** Runs `node --import tsx <script> ...args` and answers the result it printed. */
export async function runMeasuringChild(script: string, args: string[]): Promise<unknown> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (!child.stdout) throw new Error('the measuring child has no stdout');
  let result: unknown = undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith(resultPrefix)) result = JSON.parse(line.slice(resultPrefix.length));
  }
  const code = child.exitCode ?? (await new Promise((done) => child.once('exit', done)));
  if (result === undefined)
    throw new Error(`${script} ${args.join(' ')} exited ${code} without a result`);
  return result;
}
