/** Lets each benchmark file run on its own (`npx tsx bench/<name>.ts`) as well as from run.ts. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTable, type BenchRow } from './result';

export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

export interface Scale {
  quick: boolean;
}

/** `--quick` from the command line of a benchmark run on its own. */
export function scaleFromArgs(args: readonly string[] = process.argv.slice(2)): Scale {
  return { quick: args.includes('--quick') };
}

/** Runs one benchmark and prints its table and rows; a crash sets the exit code. */
export function runStandalone(bench: (scale: Scale) => Promise<BenchRow[]>): void {
  bench(scaleFromArgs())
    .then((rows) => {
      console.log(formatTable(rows));
      console.log(JSON.stringify(rows, null, 2));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
