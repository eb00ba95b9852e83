/**
 * The store as the main process uses it: the repository methods of StoreCore, each answered by
 * the store worker and returning a promise, so no SQL ever runs on the main thread. Failures come
 * back as `{code, message}` data and are thrown here as `StoreError`.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import { StoreError, type StoreErrorData } from './errors';
import { storeMethods, type StoreMethods } from './methods';
import type { IntegrityVerdict, OpenReport } from './types';
import { resolveStoreWorker, workerAt } from './worker-location';
import {
  bytesMethods,
  packedMethods,
  replySchema,
  type StoreWorkerData,
  type WorkerRequest,
} from './worker-protocol';

const utf8 = new TextEncoder();

export interface Store extends StoreMethods {
  /** Whether the file was damaged and rebuilt on open, and what was saved from it. */
  readonly openReport: OpenReport;
  /**
   * The whole-file check run in the background after opening. `damaged` means the next open
   * will set the file aside and rebuild it: the app should ask the agent to restart.
   */
  readonly integrity: Promise<IntegrityVerdict>;
  /** Finishes the calls in flight, closes the database and ends the worker. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** The profile's SQLite file. */
  file: string;
  /** The worker's code; by default a built `store-worker.js` beside this bundle, else the source. */
  workerUrl?: URL | string;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: StoreError): void;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const location =
    options.workerUrl === undefined ? resolveStoreWorker() : workerAt(options.workerUrl);
  const start = (mode: StoreWorkerData['mode']) => {
    const data: StoreWorkerData = { file: options.file, mode };
    return new Worker(location.url, { workerData: data, execArgv: location.execArgv });
  };
  const connection = new WorkerConnection(start('store'));
  const report = await connection.opened;
  const checker = start('check');
  const checkerStoppable = bindingLoaded(checker);
  const integrity = wholeFileVerdict(checker);
  const methods = Object.fromEntries(
    storeMethods.map((name) => [name, (...args: unknown[]) => connection.call(name, args)]),
  ) as unknown as StoreMethods;
  return {
    ...methods,
    openReport: report,
    integrity,
    close: async () => {
      // Never while the checker is still loading SQLite's binding (see worker-entry.ts).
      await checkerStoppable;
      await checker.terminate();
      await connection.close();
    },
  };
}

/** Settles once the check worker has loaded its native binding, or has ended anyway. */
function bindingLoaded(checker: Worker): Promise<void> {
  return new Promise((resolve) => {
    checker.on('message', (message: unknown) => {
      if (replySchema.safeParse(message).data?.type === 'loaded') resolve();
    });
    checker.on('error', () => resolve());
    checker.on('exit', () => resolve());
  });
}

/** The check worker's verdict; stopped or failed before answering is `unchecked`. */
function wholeFileVerdict(checker: Worker): Promise<IntegrityVerdict> {
  return new Promise((resolve) => {
    checker.on('message', (message: unknown) => {
      const parsed = replySchema.safeParse(message);
      if (parsed.success && parsed.data.type === 'checked') resolve(parsed.data.verdict);
    });
    checker.on('error', () => resolve('unchecked'));
    checker.on('exit', () => resolve('unchecked'));
  });
}

/**
 * The argument with its `bytes` in a buffer of their own, to transfer. A small Node Buffer can
 * be a slice of a shared pool, whose transfer would pull the memory from under other Buffers:
 * such bytes are copied first (only small bodies live in the pool).
 */
function withMovableBytes(argument: unknown): { value: unknown; transfer: TransferListItem[] } {
  if (typeof argument !== 'object' || argument === null || !('bytes' in argument)) {
    return { value: argument, transfer: [] };
  }
  const { bytes } = argument;
  if (!(bytes instanceof Uint8Array)) return { value: argument, transfer: [] };
  const whole =
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength;
  const own = whole ? bytes : new Uint8Array(bytes);
  return { value: { ...argument, bytes: own }, transfer: [own.buffer as ArrayBuffer] };
}

class WorkerConnection {
  readonly opened: Promise<OpenReport>;
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;
  private closed = false;
  private readonly exited: Promise<void>;

  constructor(private readonly worker: Worker) {
    // The executor runs at once, so both are set before any message can arrive.
    let resolveOpen!: (report: OpenReport) => void;
    let rejectOpen!: (error: StoreError) => void;
    this.opened = new Promise((resolve, reject) => {
      resolveOpen = resolve;
      rejectOpen = reject;
    });
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));

    worker.on('message', (message: unknown) => {
      const parsed = replySchema.safeParse(message);
      if (!parsed.success) return;
      const reply = parsed.data;
      if (reply.type === 'opened') {
        resolveOpen(reply.report);
      } else if (reply.type === 'open_failed') {
        this.closed = true;
        rejectOpen(new StoreError(reply.error.code, reply.error.message));
        void worker.terminate();
      } else if (reply.type === 'result' || reply.type === 'error') {
        const call = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.type === 'result') call?.resolve(reply.value);
        else call?.reject(new StoreError(reply.error.code, reply.error.message));
      }
    });
    const fail = (error: StoreErrorData) => {
      this.closed = true;
      const failure = new StoreError(error.code, error.message);
      rejectOpen(failure);
      for (const call of this.pending.values()) call.reject(failure);
      this.pending.clear();
    };
    worker.on('error', (error) =>
      fail({
        code: 'worker_failed',
        message: `O banco de dados local parou de responder: ${error.message}`,
      }),
    );
    worker.on('exit', () =>
      fail({ code: 'store_closed', message: 'O banco de dados local foi fechado.' }),
    );
  }

  call(method: string, args: unknown[]): Promise<unknown> {
    if (bytesMethods.has(method)) {
      const [first, ...rest] = args;
      const moved = withMovableBytes(first);
      return this.send(
        (id) => ({ type: 'call', id, method, args: [moved.value, ...rest] }),
        moved.transfer,
      );
    }
    if (!packedMethods.has(method)) return this.send((id) => ({ type: 'call', id, method, args }));
    const bytes = utf8.encode(JSON.stringify(args));
    return this.send((id) => ({ type: 'packed_call', id, method, args: bytes }), [bytes.buffer]);
  }

  async close(): Promise<void> {
    if (this.closed) return this.exited;
    await this.send((id) => ({ type: 'close', id }));
    this.closed = true;
    await this.exited;
  }

  private send(
    request: (id: number) => WorkerRequest,
    transfer: TransferListItem[] = [],
  ): Promise<unknown> {
    if (this.closed) {
      return Promise.reject(new StoreError('store_closed', 'O banco de dados local foi fechado.'));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(request(id), transfer);
    });
  }
}
