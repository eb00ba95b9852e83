/**
 * The driver's side of app-child.ts: starts the app process, calls contract methods on it, and
 * kills it. A call in flight when the process dies answers `killed`: whether it took effect is
 * for the invariants to find out from the data.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Envelope } from '../../preload/errors';

/** The one method app-child.ts adds to the contract: close everything and exit. */
export const stopMethod = 'chaos.stop';

const childScript = join(import.meta.dirname, 'app-child.ts');

export type CallOutcome =
  | { killed: false; envelope: Envelope<unknown> }
  /** `written`: the call reached the process before it died, so it may have taken effect. */
  | { killed: true; written: boolean };

export interface AppProcess {
  /** Resolves with the profile id once signed in; rejects if the process ends first. */
  ready: Promise<string>;
  /** Resolves with the exit code, or null when killed by a signal. */
  exited: Promise<number | null>;
  call(method: string, args: unknown[]): Promise<CallOutcome>;
  kill(): Promise<void>;
  /** Closes the app cleanly and waits for it to exit. */
  stop(): Promise<number | null>;
  /** What the process wrote on stderr, for a failure report. */
  stderr(): string;
}

interface ChildLine {
  ready?: string | null;
  id?: number;
  result?: Envelope<unknown>;
}

export function startApp(dataDir: string, serverUrl: string): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, serverUrl], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-20_000);
  });
  // Writing to a process that was just killed fails with EPIPE; the call answers `killed`.
  child.stdin.on('error', () => undefined);
  const pending = new Map<number, (outcome: CallOutcome) => void>();
  let nextId = 1;
  let alive = true;

  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      alive = false;
      for (const answer of pending.values()) answer({ killed: true, written: true });
      pending.clear();
      resolve(code);
    });
  });

  const ready = new Promise<string>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`the app exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as ChildLine;
      if (line.ready !== undefined) resolve(line.ready ?? '');
      if (line.id !== undefined && line.result) {
        pending.get(line.id)?.({ killed: false, envelope: line.result });
        pending.delete(line.id);
      }
    });
  });
  // A run that never becomes ready is reported by whoever awaits it.
  ready.catch(() => undefined);

  const call = (method: string, args: unknown[]): Promise<CallOutcome> => {
    if (!alive) return Promise.resolve({ killed: true, written: false });
    const id = nextId;
    nextId += 1;
    return new Promise<CallOutcome>((resolve) => {
      pending.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ id, method, args })}\n`);
    });
  };

  return {
    ready,
    exited,
    call,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      await call(stopMethod, []);
      return exited;
    },
    stderr: () => errors,
  };
}

export interface SupervisedApp {
  /** The profile id, once the first process is signed in. */
  ready: Promise<string>;
  /**
   * Calls a method on whichever process runs now. A call that never reached a process (it was
   * being killed) never happened, so the next process gets it; one cut short after it was
   * written answers `killed`.
   */
  invoke(method: string, args: unknown[]): Promise<CallOutcome>;
  /** SIGKILL, then a new process on the same data folder, signed in. */
  restart(): Promise<void>;
  kills(): number;
  /** Closes the app cleanly; answers its exit code. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
  stderr(): string;
}

/** The app process as a chaos run sees it: one app, killed and started again under it. */
export function superviseApp(dataDir: string, serverUrl: string): SupervisedApp {
  let app = startApp(dataDir, serverUrl);
  let kills = 0;

  const replacementOf = async (dead: AppProcess): Promise<AppProcess> => {
    for (let waited = 0; app === dead; waited += 20) {
      if (waited > 60_000) throw new Error(`the app did not come back:\n${dead.stderr()}`);
      await sleep(20);
    }
    return app;
  };

  return {
    ready: app.ready,
    invoke: async (method, args) => {
      let current = app;
      for (;;) {
        const started = await current.ready.then(
          () => true,
          () => false,
        );
        const outcome = started ? await current.call(method, args) : null;
        if (outcome && !(outcome.killed && !outcome.written)) return outcome;
        current = await replacementOf(current);
      }
    },
    restart: async () => {
      await app.kill();
      kills += 1;
      app = startApp(dataDir, serverUrl);
      await app.ready;
    },
    kills: () => kills,
    stop: () => app.stop(),
    kill: () => app.kill(),
    stderr: () => app.stderr(),
  };
}
