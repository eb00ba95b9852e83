/**
 * What every probe checks in an answer before its own concerns: that it is HubSoft's envelope
 * (HTTP 200, a JSON object, `status` success), how success was spelled, and whether ids came as
 * strings. Also the entry builders, so every probe reports in the same few words.
 */
import { isHubsoftError } from '../../hubsoft';
import type { ProbeAnswer } from './probe-http';
import {
  outcomeOf,
  type CompatibilityEntry,
  type DeviationCode,
  type ProbeName,
  type ReasonCode,
} from './report';

export type JsonObject = Record<string, unknown>;

/** An answer that passed the envelope: its body and the deviations already seen. */
export interface Envelope {
  body: JsonObject;
  deviations: DeviationCode[];
  answer: Extract<ProbeAnswer, { ok: true }>;
}

export interface ProbeTarget {
  probe: ProbeName;
  endpoint: string;
}

/** The body of a HubSoft success, or the entry that says why there is none. */
export function readEnvelope(
  target: ProbeTarget,
  answer: ProbeAnswer,
): { envelope: Envelope } | { entry: CompatibilityEntry } {
  if (!answer.ok) {
    return {
      entry: failed(target, answer.reason, {
        status: answer.status,
        durationMs: answer.durationMs,
      }),
    };
  }
  const timing = { status: answer.status, durationMs: answer.durationMs };
  if (answer.status < 200 || answer.status >= 300) {
    return { entry: failed(target, 'http_status', timing) };
  }
  if (answer.json === null) return { entry: failed(target, 'not_json', timing) };
  const status =
    typeof answer.json.status === 'string' ? answer.json.status.trim().toLowerCase() : null;
  if (status === 'error') return { entry: failed(target, 'refused', timing) };
  const deviations: DeviationCode[] = [];
  if (status === 'suscess') deviations.push('status_suscess');
  if (answer.rateLimited) deviations.push('rate_limited');
  return { envelope: { body: answer.json, deviations, answer } };
}

/**
 * True when a field named like an id (`id`, `id_...`) holds digits as a string. `expected` lists
 * dotted paths (array indexes left out) where the facts say every server sends a string.
 */
export function hasStringIds(value: unknown, expected: ReadonlySet<string> = new Set()): boolean {
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, path] = next;
    if (Array.isArray(node)) {
      for (const item of node) pending.push([item, path]);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, child] of Object.entries(node)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if (typeof child === 'string' && /^id(_|$)/.test(key) && /^\d+$/.test(child)) {
        if (!expected.has(childPath)) return true;
      } else if (typeof child === 'object' && child !== null) {
        pending.push([child, childPath]);
      }
    }
  }
  return false;
}

/**
 * The field a parse error names, when the app's parser refused the answer (the entry says
 * 'unreadable'); anything else is a bug of ours and is not hidden.
 */
export function fieldOrThrow(error: unknown): string {
  if (isHubsoftError(error) && error.kind === 'parse') return error.details.field ?? '(corpo)';
  throw error;
}

export function reached(
  target: ProbeTarget,
  envelope: Envelope,
  deviations: DeviationCode[],
  count: number | null,
): CompatibilityEntry {
  const all = [...new Set([...envelope.deviations, ...deviations])];
  return {
    ...target,
    outcome: outcomeOf(all),
    deviations: all,
    reason: null,
    field: null,
    httpStatus: envelope.answer.status,
    durationMs: envelope.answer.durationMs,
    count,
  };
}

export function unreadable(
  target: ProbeTarget,
  envelope: Envelope,
  field: string,
): CompatibilityEntry {
  return {
    ...failed(target, 'unreadable', {
      status: envelope.answer.status,
      durationMs: envelope.answer.durationMs,
    }),
    deviations: envelope.deviations,
    field,
  };
}

export function failed(
  target: ProbeTarget,
  reason: ReasonCode,
  timing: { status: number | null; durationMs: number | null },
): CompatibilityEntry {
  return {
    ...target,
    outcome: 'failed',
    deviations: [],
    reason,
    field: null,
    httpStatus: timing.status,
    durationMs: timing.durationMs,
    count: null,
  };
}

export function skipped(target: ProbeTarget, reason: ReasonCode): CompatibilityEntry {
  return {
    ...target,
    outcome: 'skipped',
    deviations: [],
    reason,
    field: null,
    httpStatus: null,
    durationMs: null,
    count: null,
  };
}
