// `npm run bench -- [--quick] [--out FILE] [--only search,inbox,backfill,outbox,renderer]`: the
// benchmarks against the design's performance budgets (bench/run.ts, run through tsx). The
// renderer benchmark serves the built renderer: run `npm run build` first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
if (result.error) {
  console.error(`hubdesk bench: could not start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
