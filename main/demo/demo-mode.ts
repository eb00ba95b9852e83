/**
 * "Experimentar com dados de demonstração": the HubSoft simulator running inside the app on a free
 * loopback port, with a seeded dataset big enough to fill the inbox and small enough to start at
 * once. The session manager signs in to it with the demo account like to any HubSoft server, so
 * every feature works with no HubSoft account. The simulator lives only in this process's memory:
 * stopping the app stops it.
 */
import { DEMO_ACCOUNT } from '../sim/demo-account';
import { startSimulator, type RunningSimulator } from '../sim/server';
import type { DemoBackend, DemoLogin } from '../session/types';

export interface DemoModeOptions {
  /** Default 2026: every demo shows the same customers and tickets. */
  seed?: number;
  /** Default 3000. */
  tickets?: number;
}

export interface DemoMode extends DemoBackend {
  /** The running simulator's address, or null when stopped. */
  url(): string | null;
  /** App shutdown: stops the simulator. */
  dispose(): Promise<void>;
}

export const demoSeed = 2026;
export const demoTickets = 3_000;

export function createDemoMode(options: DemoModeOptions = {}): DemoMode {
  let running: Promise<RunningSimulator> | null = null;
  let current: RunningSimulator | null = null;

  const stop = async (): Promise<void> => {
    const starting = running;
    running = null;
    current = null;
    if (!starting) return;
    const simulator = await starting.catch(() => null);
    await simulator?.close();
  };

  return {
    async start(): Promise<DemoLogin> {
      running ??= startSimulator({
        port: 0,
        // Any web page can reach this loopback port: no reset or fault injection over HTTP.
        admin: false,
        seed: options.seed ?? demoSeed,
        tickets: options.tickets ?? demoTickets,
      });
      const starting = running;
      try {
        current = await starting;
      } catch (error) {
        if (running === starting) running = null;
        throw error;
      }
      return {
        baseUrl: current.url,
        clientId: DEMO_ACCOUNT.clientId,
        clientSecret: DEMO_ACCOUNT.clientSecret,
        username: DEMO_ACCOUNT.username,
        password: DEMO_ACCOUNT.password,
      };
    },
    stop,
    dispose: stop,
    url: () => current?.url ?? null,
  };
}
