// `npm test`: everything CI runs, in order, each step reported; the run fails if any step fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const npmCli = process.env.npm_execpath;
const npm = (args) => (npmCli ? [process.execPath, [npmCli, ...args]] : ['npm', args]);
const hasKeyringWrapper = existsSync('scripts/with-keyring.sh');

/** @type {{ name: string, command: [string, string[]] }[]} */
const steps = [
  { name: 'lint', command: npm(['run', '--silent', 'lint']) },
  { name: 'typecheck', command: npm(['run', '--silent', 'typecheck']) },
  { name: 'build', command: npm(['run', '--silent', 'build']) },
  { name: 'security (Electronegativity)', command: npm(['run', '--silent', 'security']) },
  { name: 'packaging configuration', command: npm(['run', '--silent', 'check:builder']) },
  {
    name: 'unit and integration (vitest)',
    command: hasKeyringWrapper
      ? ['bash', ['scripts/with-keyring.sh', 'npx', 'vitest', 'run']]
      : ['npx', ['vitest', 'run']],
  },
  { name: 'end to end (browser host in Chromium)', command: npm(['run', '--silent', 'test:e2e']) },
  {
    name: 'benchmarks, quick (figures not asserted)',
    command: npm([
      'run',
      '--silent',
      'bench',
      '--',
      '--quick',
      '--out',
      'test-results/bench-quick.json',
    ]),
  },
  { name: 'electron', command: npm(['run', '--silent', 'test:electron']) },
];

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const [command, args] = step.command;
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  results.push({ name: step.name, ok, seconds: (Date.now() - started) / 1000 });
}

console.log('\n=== summary ===');
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name} (${seconds.toFixed(1)} s)`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
