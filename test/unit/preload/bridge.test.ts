import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { installHubdesk, type Invoke, type Subscribe } from '../../../preload/bridge';
import { contract, methodNames } from '../../../preload/contract';
import type { Envelope } from '../../../preload/errors';

/**
 * contextBridge.executeInMainWorld serializes the function and runs it in the page's world. Doing
 * the same here (source text, evaluated in a fresh V8 context) proves it needs nothing from its
 * module and that the Error is built in the page's world.
 */
function installInFreshWorld(invoke: Invoke, subscribe: Subscribe) {
  const world = vm.createContext({});
  const install = vm.runInContext(`(${installHubdesk.toString()})`, world) as typeof installHubdesk;
  install(invoke, subscribe, Object.keys(contract), methodNames);
  return {
    world,
    hubdesk: world.hubdesk as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>,
  };
}

const noEvents: Subscribe = () => () => undefined;

describe('window.hubdesk built by the bridge', () => {
  it('resolves a call with the value from the envelope', async () => {
    const calls: [string, unknown[]][] = [];
    const { hubdesk } = installInFreshWorld(async (name, args) => {
      calls.push([name, args]);
      return { ok: true, value: { version: '1.0.0' } };
    }, noEvents);
    await expect(hubdesk.app!.info!()).resolves.toEqual({ version: '1.0.0' });
    expect(calls).toEqual([['app.info', []]]);
  });

  it('rejects with an Error of the page world that carries code and details', async () => {
    const failure: Envelope<never> = {
      ok: false,
      error: { code: 'invalid_input', message: 'Dados inválidos.', details: [{ path: '0' }] },
    };
    const { world, hubdesk } = installInFreshWorld(async () => failure, noEvents);
    const error = await hubdesk.app!.info!().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(vm.runInContext('Error', world) as ErrorConstructor);
    expect(error).not.toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'HubdeskError',
      code: 'invalid_input',
      message: 'Dados inválidos.',
      details: [{ path: '0' }],
    });
  });

  it('turns a malformed answer into an internal error instead of a TypeError', async () => {
    const { hubdesk } = installInFreshWorld(
      async () => undefined as unknown as Envelope<never>,
      noEvents,
    );
    await expect(hubdesk.app!.info!()).rejects.toMatchObject({ code: 'internal' });
  });

  it('has every area of the contract, frozen so the page cannot replace a method', () => {
    const { hubdesk } = installInFreshWorld(async () => ({ ok: true, value: null }), noEvents);
    expect(Object.keys(hubdesk).sort()).toEqual([...Object.keys(contract), 'on'].sort());
    expect(Object.isFrozen(hubdesk)).toBe(true);
    expect(Object.isFrozen(hubdesk.app)).toBe(true);
  });

  it('subscribes to events and gives back a working unsubscribe', () => {
    const handlers = new Set<(payload: unknown) => void>();
    const subscribe: Subscribe = (_event, handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    };
    const { hubdesk } = installInFreshWorld(async () => ({ ok: true, value: null }), subscribe);
    const seen: unknown[] = [];
    const on = hubdesk.on as unknown as (e: string, h: (p: unknown) => void) => () => void;
    const off = on('connectivity', (payload) => seen.push(payload));
    for (const handler of handlers) handler({ online: true });
    off();
    for (const handler of handlers) handler({ online: false });
    expect(seen).toEqual([{ online: true }]);
  });
});
