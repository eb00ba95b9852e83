// `npm run bench`: the benchmarks against the performance budgets of the design. They arrive with
// the offline core and the UI; until then this says so instead of pretending to measure.
console.error(
  'hubdesk bench: no benchmarks yet. They are built with the benchmarks issue, on top of the ' +
    'offline core and the UI; see README "Performance".',
);
process.exit(1);
