/** Timing samples and their percentiles (nearest-rank, so a reported figure was really observed). */
import { performance } from 'node:perf_hooks';

export interface Summary {
  samples: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    samples: samples.length,
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

export interface Timings {
  /** Wall-clock milliseconds of each call: what the agent waits. */
  wall: number[];
  /**
   * CPU milliseconds of each call (process.cpuUsage, all threads): what the call costs. On a
   * shared, loaded machine the wall time also holds the time the process waited for a core.
   */
  cpu: number[];
}

/** Times each call of a synchronous `fn`, run after `warmup` unmeasured calls. */
export function timeEach(runs: number, fn: (run: number) => unknown, warmup = 3): Timings {
  for (let run = 0; run < warmup; run += 1) fn(run);
  const timings: Timings = { wall: [], cpu: [] };
  for (let run = 0; run < runs; run += 1) {
    const cpuBefore = process.cpuUsage();
    const begin = performance.now();
    fn(run);
    timings.wall.push(performance.now() - begin);
    const cpu = process.cpuUsage(cpuBefore);
    timings.cpu.push((cpu.user + cpu.system) / 1000);
  }
  return timings;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
