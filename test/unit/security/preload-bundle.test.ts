/**
 * The built preload (`out/preload/index.cjs`), run as Electron would run it in a sandboxed
 * renderer, against a stand-in `electron`: what it can require, what it hands the page, and what
 * the page ends up with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { contract, ipcChannel } from '../../../preload/contract';

const bundleFile = path.resolve(import.meta.dirname, '../../../out/preload/index.cjs');

interface WorldCall {
  func: (...args: unknown[]) => void;
  args: unknown[];
}

interface PreloadRun {
  required: string[];
  exposed: unknown[][];
  worldCalls: WorldCall[];
  invoked: unknown[][];
  ipcRenderer: object;
}

/** Runs the bundle once with a recording `electron`; any other `require` is recorded and refused. */
function runPreload(source: string): PreloadRun {
  const run: PreloadRun = {
    required: [],
    exposed: [],
    worldCalls: [],
    invoked: [],
    ipcRenderer: {},
  };
  const ipcRenderer = {
    invoke: (...args: unknown[]) => {
      run.invoked.push(args);
      return Promise.resolve({ ok: true, value: 'answer' });
    },
    on: () => ipcRenderer,
  };
  run.ipcRenderer = ipcRenderer;
  const electron = {
    ipcRenderer,
    contextBridge: {
      exposeInMainWorld: (...args: unknown[]) => run.exposed.push(args),
      executeInMainWorld: (call: WorldCall) => run.worldCalls.push(call),
    },
  };
  const module = { exports: {} };
  const require = (name: string) => {
    run.required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const context = vm.createContext({ require, module, exports: module.exports, console });
  vm.runInContext(source, context, { filename: bundleFile });
  return run;
}

/** Holds `value` a reference to `target`, at any depth? */
function reaches(value: unknown, target: object, seen = new Set<unknown>()): boolean {
  if (value === target) return true;
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  if (seen.has(value)) return false;
  seen.add(value);
  return Reflect.ownKeys(value).some((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    return (
      descriptor !== undefined && 'value' in descriptor && reaches(descriptor.value, target, seen)
    );
  });
}

let source: string;
let run: PreloadRun;
beforeAll(() => {
  source = readFileSync(bundleFile, 'utf8');
  run = runPreload(source);
});

describe('the built preload', () => {
  it('requires nothing but electron', () => {
    const requires = [...source.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map(
      (m) => m[2],
    );
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(run.required).toEqual(['electron']);
  });

  it('uses contextBridge once, to run the installer in the page, and exposes nothing else', () => {
    expect(run.exposed).toEqual([]);
    expect(run.worldCalls).toHaveLength(1);
    expect(run.worldCalls[0]!.func.name).toBe('installHubdesk');
  });

  it('never hands ipcRenderer to the page', () => {
    expect(reaches(run.worldCalls[0]!.args, run.ipcRenderer)).toBe(false);
    expect(source).not.toMatch(/exposeInMainWorld/);
  });

  it('gives the page window.hubdesk and nothing else, with every area of the contract', async () => {
    // executeInMainWorld serializes the function: rebuild it from its text in a fresh page world,
    // which also proves it needs nothing outside its own body.
    const { func, args } = run.worldCalls[0]!;
    const page = vm.createContext({});
    const before = new Set(Reflect.ownKeys(vm.runInContext('globalThis', page) as object));
    const installer = vm.runInContext(`(${func.toString()})`, page) as (...a: unknown[]) => void;
    installer(...args);
    const pageGlobal = vm.runInContext('globalThis', page) as Record<string, unknown>;
    const added = Reflect.ownKeys(pageGlobal).filter((key) => !before.has(key));
    expect(added).toEqual(['hubdesk']);

    const hubdesk = pageGlobal.hubdesk as Record<
      string,
      Record<string, (...a: unknown[]) => Promise<unknown>>
    >;
    expect(Object.keys(hubdesk).sort()).toEqual([...Object.keys(contract), 'on'].sort());
    expect(Object.isFrozen(hubdesk)).toBe(true);
    await expect(hubdesk.app!.info!()).resolves.toBe('answer');
    expect(run.invoked).toEqual([[ipcChannel('app.info'), []]]);
    expect(reaches(hubdesk, run.ipcRenderer)).toBe(false);
  });
});
