/**
 * `npm run sim -- [--port N] [--seed S] [--tickets N] [--latency MS]`: the simulator in the
 * foreground. Prints one line when ready; stops on SIGINT or SIGTERM; a bad flag exits with 2.
 */
import { parseSimulatorArgs, USAGE } from './cli-args';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './server';

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseSimulatorArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`hubsoft simulator: ${(error as Error).message}`);
    console.error(USAGE);
    process.exit(2);
  }
  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator(options);
  } catch (error) {
    console.error(`hubsoft simulator: could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`HubSoft simulator listening on ${simulator.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
