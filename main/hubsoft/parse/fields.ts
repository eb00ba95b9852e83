/**
 * Lenient zod field schemas shared by every HubSoft parser. Each accepts what real servers send
 * (ids as strings, names with trailing spaces, nulls where a value was documented) and normalizes
 * it, or reports an issue naming what was wrong; the issue's path names the field.
 */
import { z } from 'zod';

const digits = /^\d+$/;

/** The longest digit run a JavaScript number keeps exactly (Number.MAX_SAFE_INTEGER has 16). */
const MAX_EXACT_NUMERIC_PROTOCOL_DIGITS = 15;

type Reader<T> = (value: unknown) => T | { problem: string };

function isProblem(value: unknown): value is { problem: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'problem' in value &&
    Object.keys(value).length === 1
  );
}

/** A zod schema from a plain reader function, so the reader's words become the issue message. */
export function lenient<T>(read: Reader<T>): z.ZodType<T> {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const result = read(value);
      if (isProblem(result)) {
        ctx.addIssue({ code: 'custom', message: result.problem });
        return z.NEVER;
      }
      return result;
    }) as unknown as z.ZodType<T>;
}

function readId(value: unknown): number | { problem: string } {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && digits.test(value.trim())) {
    const n = Number(value.trim());
    if (Number.isSafeInteger(n)) return n;
  }
  if (value === null || value === undefined) return { problem: 'está ausente' };
  return { problem: `não é um identificador numérico (${describe(value)})` };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 30)}"`;
  if (Array.isArray(value)) return 'lista';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'objeto' : String(value);
}

function isAbsent(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  );
}

/** Required id: number or digit string. */
export const id = lenient(readId);

/** Optional id: absent, null or "" become null. */
export const optionalId = lenient<number | null>((value) =>
  isAbsent(value) ? null : readId(value),
);

/** Protocol as a string of digits; a number is accepted only while it still has every digit. */
export const protocol = lenient<string>((value) => {
  if (typeof value === 'string') {
    const text = value.trim();
    if (digits.test(text)) return text;
    return { problem: `não é um protocolo de dígitos (${describe(value)})` };
  }
  if (typeof value === 'number') {
    const text = Number.isSafeInteger(value) && value >= 0 ? String(value) : '';
    if (text !== '' && text.length <= MAX_EXACT_NUMERIC_PROTOCOL_DIGITS) return text;
    return {
      problem: 'veio como número longo demais para ser lido sem perder dígitos; deveria ser texto',
    };
  }
  return { problem: value === undefined || value === null ? 'está ausente' : 'não é texto' };
});

/** Optional text, trimmed; numbers become their text, empty becomes null. */
export const optionalText = lenient<string | null>((value) => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return { problem: `não é texto (${describe(value)})` };
  const text = value.trim();
  return text === '' ? null : text;
});

/** Required text, trimmed, not empty. */
export const requiredText = lenient<string>((value) => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') {
    return { problem: value === null || value === undefined ? 'está ausente' : 'não é texto' };
  }
  const text = value.trim();
  return text === '' ? { problem: 'está vazio' } : text;
});

/** Text that stands in for a nested object in the presentation shape ("Pendente", "SAC"). */
export const textLabel = z.string().transform((text) => (text.trim() === '' ? null : text.trim()));

/** Message bodies and descriptions keep their inner whitespace; only absent becomes null. */
export const optionalBody = lenient<string | null>((value) => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return { problem: `não é texto (${describe(value)})` };
  return value;
});

function readFlag(value: unknown): boolean | { problem: string } {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (['true', '1', 'sim', 's'].includes(text)) return true;
    if (['false', '0', 'nao', 'não', 'n', ''].includes(text)) return false;
  }
  return { problem: `não é verdadeiro/falso (${describe(value)})` };
}

/**
 * Flags as HubSoft writes them: booleans, 0/1, "sim"/"nao", "true"/"false". A shape may not say
 * at all: absent or null is null, "unknown", never false.
 */
export const optionalFlag = lenient<boolean | null>((value) =>
  value === null || value === undefined ? null : readFlag(value),
);

/** Optional number (counts, percentages); numeric strings are coerced. */
export const optionalNumber = lenient<number | null>((value) => {
  if (isAbsent(value)) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && Number.isFinite(Number(value.trim()))) return Number(value);
  return { problem: `não é um número (${describe(value)})` };
});

/** Any JSON object, kept as it came. */
export const rawObject = z.record(z.string(), z.unknown());

type Issue = z.core.$ZodIssue;

/** In a union, the branch that got furthest says best what was wrong. */
function deepestIssue(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const branches = issue.errors
    .map((branch) => branch[0])
    .filter((candidate): candidate is Issue => candidate !== undefined);
  const deepest = branches.reduce<Issue | undefined>(
    (best, candidate) => (!best || candidate.path.length > best.path.length ? candidate : best),
    undefined,
  );
  if (!deepest || deepest.path.length === 0) return issue;
  return { ...deepest, path: [...issue.path, ...deepest.path] };
}

function problemOf(issue: Issue): string {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined || issue.input === null
      ? 'está ausente'
      : `não é do tipo esperado (${issue.expected})`;
  }
  if (issue.code === 'invalid_union') return 'não tem nenhum dos formatos conhecidos';
  return issue.message;
}

/** One issue reduced to where it is and what is wrong, in Portuguese. */
export function summarizeIssue(issue: Issue): { path: PropertyKey[]; problem: string } {
  const deepest = deepestIssue(issue);
  return { path: deepest.path, problem: problemOf(deepest) };
}

/** Zod's first issue as "a.b.0.c" plus its problem, for a parse error that names the field. */
export function firstIssue(error: z.ZodError, prefix: string): { field: string; problem: string } {
  const first = error.issues[0];
  if (!first) return { field: prefix || '(corpo)', problem: 'é inválido' };
  const { path, problem } = summarizeIssue(first);
  const field = [prefix, ...path.map(String)].filter((p) => p !== '').join('.');
  return { field: field === '' ? '(corpo)' : field, problem };
}

/**
 * A schema whose result keeps the server's object untouched in `raw`: zod's object parsing copies
 * and normalizes, so the builder receives both the parsed row and the original.
 */
export function keepingRaw<S extends z.ZodType, T>(
  schema: S,
  build: (parsed: z.output<S>, raw: Record<string, unknown>, ctx: z.RefinementCtx) => T,
): z.ZodType<T> {
  return z.unknown().transform((input, ctx): T => {
    const result = schema.safeParse(input);
    if (!result.success) {
      const first = result.error.issues[0];
      const { path, problem } = first ? summarizeIssue(first) : { path: [], problem: 'é inválido' };
      ctx.addIssue({ code: 'custom', message: problem, path });
      return z.NEVER;
    }
    return build(result.data, input as Record<string, unknown>, ctx);
  }) as unknown as z.ZodType<T>;
}
