/** The simulator's command-line flags, checked strictly: a typo must not start a different server. */
import type { SimulatorOptions } from './server';

export const USAGE = 'usage: npm run sim -- [--port N] [--seed S] [--tickets N] [--latency MS]';

const FLAGS = {
  '--port': { key: 'port', min: 0, max: 65535 },
  '--seed': { key: 'seed', min: 0, max: 0xffffffff },
  '--tickets': { key: 'tickets', min: 0, max: 1_000_000 },
  '--latency': { key: 'latencyMs', min: 0, max: 120_000 },
} as const;

export function parseSimulatorArgs(args: readonly string[]): SimulatorOptions {
  const options: SimulatorOptions = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    const flag = FLAGS[name as keyof typeof FLAGS];
    if (!flag) throw new Error(`unknown option ${arg}`);
    const text = inline ?? args[++i];
    if (text === undefined) throw new Error(`${name} needs a value`);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < flag.min || value > flag.max) {
      throw new Error(
        `${name} must be a whole number from ${flag.min} to ${flag.max}, got "${text}"`,
      );
    }
    options[flag.key] = value;
  }
  return options;
}
