// `npm start`: build, then launch the Electron app, in demo mode (the built-in HubSoft simulator)
// when no account is set up yet. Where Electron's binary cannot be had (no download server
// reachable), say so and run the same app in the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { findElectronBinary, installElectronQuietly } from './electron-binary.mjs';

const given = process.argv.slice(2);
// `--no-demo` opens the sign-in screen even on a machine with no account.
const extraArgs = given.includes('--no-demo')
  ? given.filter((arg) => arg !== '--no-demo')
  : [...new Set(['--demo', ...given])];

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function foreground(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

run(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']);

let binary = findElectronBinary();
let downloadProblem = null;
if (!binary.path) {
  console.error('HubDesk: fetching Electron for this machine…');
  const attempt = installElectronQuietly();
  if (!attempt.ok) downloadProblem = attempt.detail;
  binary = findElectronBinary();
}

if (binary.path) {
  foreground(binary.path, ['.', ...extraArgs]);
} else {
  console.error(`\nHubDesk: ${binary.reason}.`);
  if (downloadProblem) console.error(`(The download said: ${downloadProblem}.)`);
  console.error('Starting the browser host instead: open the address below in a browser.');
  console.error(
    'On the first load the page trades the secret in it for a cookie and drops it from the address.\n',
  );
  foreground(process.execPath, ['--import', 'tsx', 'main/host/cli.ts', ...extraArgs]);
}
