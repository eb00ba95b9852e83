/**
 * The preload: exposes `window.hubdesk` and nothing else. It never hands `ipcRenderer` to the page;
 * the page gets one function per contract method and `on` for events.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { installHubdesk, type Invoke, type Subscribe } from './bridge';
import {
  contract,
  eventChannel,
  eventNames,
  findMethod,
  ipcChannel,
  methodNames,
} from './contract';

const invoke: Invoke = (name, args) => {
  const entry = findMethod(name);
  if (!entry) {
    return Promise.resolve({
      ok: false,
      error: { code: 'unknown_method', message: `Método desconhecido: ${String(name)}` },
    });
  }
  return ipcRenderer.invoke(ipcChannel(entry.name), Array.isArray(args) ? args : []);
};

const handlers = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(eventChannel, (_event: IpcRendererEvent, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  for (const handler of handlers.get(event) ?? []) handler(payload);
});

const subscribe: Subscribe = (event, handler) => {
  if (!(eventNames as readonly string[]).includes(event)) {
    throw new TypeError(`hubdesk.on: unknown event "${event}"`);
  }
  let set = handlers.get(event);
  if (!set) handlers.set(event, (set = new Set()));
  set.add(handler);
  return () => {
    set.delete(handler);
  };
};

contextBridge.executeInMainWorld({
  func: installHubdesk,
  args: [invoke, subscribe, Object.keys(contract), methodNames],
});
