/**
 * `npm run bench -- [--quick] [--out FILE] [--only a,b]`: every benchmark against the design's
 * performance budgets, one after the other (they would disturb each other's figures in
 * parallel). Prints the table and writes it with every detail as JSON (bench/results.json by
 * default). Exits non-zero only when a benchmark crashed: a missed budget is a finding, reported
 * in the table, not a failure of the run.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchBackfill } from './backfill';
import { benchInbox } from './inbox';
import type { Scale } from './lib/main-module';
import { formatTable, type BenchReport, type BenchRow } from './lib/result';
import { benchOutboxReplay } from './outbox-replay';
import { benchRenderer } from './renderer';
import { benchSearch } from './search';

const benchmarks: Record<string, (scale: Scale) => Promise<BenchRow[]>> = {
  search: benchSearch,
  inbox: benchInbox,
  backfill: benchBackfill,
  outbox: benchOutboxReplay,
  renderer: benchRenderer,
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: resolve(import.meta.dirname, 'results.json') },
    only: { type: 'string' },
  },
  strict: true,
});

const chosen = values.only
  ? values.only.split(',').map((name) => name.trim())
  : Object.keys(benchmarks);
const unknown = chosen.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(
    `hubdesk bench: unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`,
  );
  process.exit(2);
}

const report: BenchReport = {
  startedAt: new Date().toISOString(),
  mode: values.quick ? 'quick' : 'full',
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    // The machine is shared: the load at the start says how much the figures were disturbed.
    loadAverageAtStart: loadavg()
      .map((load) => load.toFixed(2))
      .join(' '),
  },
  rows: [],
  failures: [],
};

for (const name of chosen) {
  const begin = performance.now();
  console.error(`hubdesk bench: ${name}…`);
  try {
    const rows = await benchmarks[name]?.({ quick: values.quick });
    report.rows.push(...(rows ?? []));
    console.error(
      `hubdesk bench: ${name} done in ${((performance.now() - begin) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    report.failures.push({ benchmark: name, error: message });
    console.error(`hubdesk bench: ${name} crashed:\n${message}`);
  }
}

report.machine.loadAverageAtEnd = loadavg()
  .map((load) => load.toFixed(2))
  .join(' ');
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
console.log(formatTable(report.rows));
for (const row of report.rows) console.log(`- ${row.name}: ${row.note}`);
if (report.failures.length) {
  console.log(`\ncrashed: ${report.failures.map((failure) => failure.benchmark).join(', ')}`);
  process.exitCode = 1;
}
console.log(`\nresults: ${values.out}`);
