/**
 * What every benchmark reports: one row per budget, with the figure measured, the baseline
 * measured in the same run and whether the budget holds. A row with `within: null` has no budget
 * of its own (a supporting figure, such as the baseline pager or memory per 1k tickets).
 */
export interface BenchRow {
  /** Stable id, such as `search.fts`: what the JSON is keyed by across runs. */
  id: string;
  name: string;
  /** The budget in words, as the design states it; '—' when the row has none. */
  budget: string;
  unit: 'ms' | 's' | 'MiB' | 'rows' | 'x';
  median: number | null;
  p95: number | null;
  baseline: { name: string; value: number } | null;
  /** Baseline divided by the measured figure (>1: faster than the baseline), or the measured
   *  figure over a bound (for wall times against a rate limit), as `ratioMeaning` says. */
  ratio: number | null;
  ratioMeaning: string | null;
  within: boolean | null;
  /** Why the figure is what it is, or what was not measured and why. */
  note: string;
  details?: Record<string, unknown>;
}

export interface BenchReport {
  startedAt: string;
  mode: 'quick' | 'full';
  machine: Record<string, string | number>;
  rows: BenchRow[];
  failures: { benchmark: string; error: string }[];
}

function cell(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return '—';
  return `${unit === 'rows' ? value.toFixed(0) : formatNumber(value)} ${unit}`;
}

function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function verdict(row: BenchRow): string {
  if (row.within === null) return '—';
  return row.within ? 'yes' : 'NO';
}

/** The rows as a Markdown table: the same text goes to the terminal and docs/performance.md. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'budget', 'median', 'p95', 'baseline', 'ratio', 'within budget'];
  const lines = rows.map((row) => [
    row.name,
    row.budget,
    cell(row.median, row.unit),
    cell(row.p95, row.unit),
    row.baseline ? `${row.baseline.name}: ${cell(row.baseline.value, row.unit)}` : '—',
    row.ratio === null ? '—' : `${formatNumber(row.ratio)}× ${row.ratioMeaning ?? ''}`.trim(),
    verdict(row),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (line: string[]) =>
    `| ${line.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [
    format(header),
    format(widths.map((width) => '-'.repeat(width))),
    ...lines.map(format),
  ].join('\n');
}
