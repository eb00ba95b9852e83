/**
 * List rows HubSoft sent that could not be read and were left out of their page, counted per
 * endpoint and field path for the diagnostics export, and passed to whoever logs them. Only where
 * the problem is is kept, never the value: a row holds customers' data.
 */
import type { Logger } from '../../log/logger';

export interface ParseProblem {
  /** "GET /api/v1/integracao/atendimento/todos": method and path, no query string. */
  endpoint: string;
  /** The field that could not be read, e.g. "atendimentos[].status.prefixo". */
  field: string;
}

export interface ParseProblemCount extends ParseProblem {
  skippedRows: number;
}

type ProblemListener = (problem: ParseProblem) => void;

export class ParseProblemTally {
  private readonly counts = new Map<string, ParseProblemCount>();
  private readonly listeners = new Set<ProblemListener>();

  record(problem: ParseProblem): void {
    const key = `${problem.endpoint}\u0000${problem.field}`;
    const known = this.counts.get(key);
    if (known) known.skippedRows += 1;
    else this.counts.set(key, { ...problem, skippedRows: 1 });
    for (const listener of this.listeners) listener(problem);
  }

  /** Every problem seen since the process started, most frequent first. */
  list(): ParseProblemCount[] {
    return [...this.counts.values()]
      .map((count) => ({ ...count }))
      .sort((a, b) => b.skippedRows - a.skippedRows);
  }

  /** Calls `listener` for each problem from now on; answers how to stop. */
  onProblem(listener: ProblemListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** One tally per process: the diagnostics export reports it whichever profile's client saw what. */
export const skippedRows = new ParseProblemTally();

/** Each skipped row to the scrubbed log, as its endpoint and field path; answers how to stop. */
export function logSkippedRows(logger: Logger, tally: ParseProblemTally = skippedRows): () => void {
  return tally.onProblem(({ endpoint, field }) =>
    logger.warn({ endpoint, field }, 'HubSoft list row skipped'),
  );
}
