/**
 * The store worker: opens the profile's database in its own thread and answers repository calls
 * one at a time, so the main process event loop never waits on SQL. Built as its own bundle
 * entry (`out/main/store-worker.js`); in tests and tsx runs it is loaded from source. Started in
 * `check` mode, it instead reads the whole file once on a read-only connection and reports.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { isDamageError } from './connection';
import { StoreCore } from './core';
import { StoreError, toStoreErrorData } from './errors';
import { isStoreMethod } from './methods';
import { requestFullCheck, wholeFilePasses } from './recovery';
import type { IntegrityVerdict } from './types';
import { requestSchema, workerDataSchema, type WorkerReply } from './worker-protocol';

function serve(port: MessagePort, file: string): void {
  const reply = (message: WorkerReply) => port.postMessage(message);
  let core: StoreCore;
  try {
    core = StoreCore.open(file);
  } catch (error) {
    // No listener is registered, so the thread ends once this reply is out.
    reply({ type: 'open_failed', error: toStoreErrorData(error) });
    return;
  }
  reply({ type: 'opened', report: core.openReport });

  port.on('message', (message: unknown) => {
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return;
    const request = parsed.data;
    if (request.type === 'close') {
      core.close();
      reply({ type: 'result', id: request.id, value: null });
      port.close();
      return;
    }
    try {
      if (!isStoreMethod(request.method)) {
        throw new StoreError('invalid_input', `Operação desconhecida: ${request.method}.`);
      }
      const method = core[request.method] as (...args: unknown[]) => unknown;
      const args =
        request.type === 'packed_call' ? unpackArgs(request.args) : (request.args as unknown[]);
      reply({ type: 'result', id: request.id, value: method.apply(core, args) });
    } catch (error) {
      if (isDamageError(error)) requestFullCheck(file);
      reply({ type: 'error', id: request.id, error: toStoreErrorData(error) });
    }
  });
}

const utf8 = new TextDecoder();

function unpackArgs(bytes: Uint8Array): unknown[] {
  const args: unknown = JSON.parse(utf8.decode(bytes));
  if (!Array.isArray(args)) throw new StoreError('invalid_input', 'Argumentos inválidos.');
  return args;
}

function check(port: MessagePort, file: string): void {
  // Load the native binding first and say so: the app stops this worker whenever it closes the
  // store, and a worker stopped while Node-API registers the addon aborts the whole process
  // ("FATAL ERROR: Error::New napi_get_last_error_info").
  new Database(':memory:').close();
  port.postMessage({ type: 'loaded' } satisfies WorkerReply);
  let verdict: IntegrityVerdict;
  try {
    verdict = wholeFilePasses(file) ? 'healthy' : 'damaged';
  } catch {
    // Locked or unreadable is not damage; the next open's background check tries again.
    verdict = 'unchecked';
  }
  if (verdict === 'damaged') requestFullCheck(file);
  port.postMessage({ type: 'checked', verdict } satisfies WorkerReply);
}

if (!parentPort) throw new Error('worker-entry.ts runs only as a worker thread');
const { file, mode } = workerDataSchema.parse(workerData);
if (mode === 'check') check(parentPort, file);
else serve(parentPort, file);
