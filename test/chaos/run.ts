/**
 * A chaos run on demand, longer than the one `npm test` runs, printing its figures:
 *   npx tsx test/chaos/run.ts --seed 1 --minutes 5 [--tickets 300]
 * Exits 1 when an invariant was broken, listing what broke.
 */
import { parseArgs } from 'node:util';
import { runChaos, type ChaosFigures } from './chaos-run';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    minutes: { type: 'string', default: '5' },
    tickets: { type: 'string', default: '300' },
    quiet: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const minutes = Number(values.minutes);
const tickets = Number(values.tickets);
if (!Number.isInteger(seed) || !(minutes > 0) || !Number.isInteger(tickets) || tickets < 50) {
  console.error('usage: run.ts --seed N --minutes M [--tickets N (>= 50)] [--quiet]');
  process.exit(2);
}

function breakdown(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

function print(figures: ChaosFigures): void {
  const { actionsIssued: issued } = figures;
  const rows: [string, string][] = [
    ['seed', String(figures.seed)],
    ['chaos time', `${figures.chaosSeconds} s in ${figures.phases} fault phases`],
    [
      'actions issued',
      `${issued.total} (${breakdown({ ...issued, total: 0 }).replace(/, total 0$/, '')})`,
    ],
    ['fault phases by type', breakdown(figures.faultPhases)],
    ['faults met by the app', breakdown(figures.faultsMet)],
    ['requests to HubSoft', String(figures.requests)],
    ['app killed (SIGKILL) and restarted', String(figures.kills)],
    ['action calls cut short by a kill', String(figures.cutShortByKill)],
    ['actions sent', `${figures.sent} (${breakdown(figures.sentByKind)})`],
    ['waiting for the agent, with reason', String(figures.waitingForAgent)],
    ['duplicates', String(figures.duplicates)],
    ['lost', String(figures.lost)],
    [
      'drafts intact',
      `${figures.draftsIntact} of ${figures.draftKeys} keys (${figures.draftsSaved} saves)`,
    ],
    [
      'tickets consistent with the server',
      `${figures.ticketsConsistent} of ${figures.ticketsChecked}`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  for (const [reason, count] of Object.entries(figures.waitingReasons)) {
    console.log(`${''.padEnd(width)}  ${count} x ${reason}`);
  }
}

const report = await runChaos({
  seed,
  durationMs: minutes * 60_000,
  tickets,
  settleTimeoutMs: 120_000,
  log: values.quiet ? undefined : (line) => console.log(line),
});
print(report.figures);
if (report.violations.length > 0) {
  console.log(`\n${report.violations.length} invariant violations:`);
  for (const violation of report.violations) console.log(`- ${violation}`);
  process.exit(1);
}
console.log('\nall invariants hold');
