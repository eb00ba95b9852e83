/**
 * `window.hubdesk` for the browser host: the contract over the host's WebSocket. The page never
 * sees the per-run secret: the host traded it on the first load for an HttpOnly cookie, which
 * the browser sends with the WebSocket upgrade (main/host/host-access.ts).
 */
import { installHubdesk, type Invoke, type Subscribe } from '../../../preload/bridge';
import { contract, methodNames } from '../../../preload/contract';
import type { Envelope } from '../../../preload/errors';

const unavailable: Envelope<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'Sem conexão com o HubDesk. Recarregue a página.' },
};

export function connectBrowserHost(page: Window): void {
  const address = `ws://${page.location.host}/rpc`;
  const pending = new Map<number, (result: Envelope<unknown>) => void>();
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let opening: Promise<WebSocket> | null = null;

  const onMessage = (message: MessageEvent<unknown>) => {
    if (typeof message.data !== 'string') return;
    let data: { id?: unknown; result?: Envelope<unknown>; event?: unknown; payload?: unknown };
    try {
      data = JSON.parse(message.data) as typeof data;
    } catch {
      return;
    }
    if (typeof data.id === 'number' && data.result) {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else if (typeof data.event === 'string') {
      for (const handler of handlers.get(data.event) ?? []) handler(data.payload);
    }
  };

  const connect = (): Promise<WebSocket> => {
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(address);
      socket.addEventListener('message', onMessage);
      socket.addEventListener('open', () => resolve(socket));
      socket.addEventListener('close', () => {
        opening = null;
        for (const settle of pending.values()) settle(unavailable);
        pending.clear();
        reject(new Error('closed'));
      });
    });
    return opening;
  };

  const invoke: Invoke = async (name, args) => {
    let socket: WebSocket;
    try {
      socket = await connect();
    } catch {
      return unavailable;
    }
    return new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method: name, args }));
    });
  };

  const subscribe: Subscribe = (event, handler) => {
    let set = handlers.get(event);
    if (!set) handlers.set(event, (set = new Set()));
    set.add(handler);
    void connect().catch(() => undefined);
    return () => {
      set.delete(handler);
    };
  };

  installHubdesk(invoke, subscribe, Object.keys(contract), methodNames);
}
