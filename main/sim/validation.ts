/**
 * Field parsers for request input, lenient the way PHP is (form fields arrive as strings), and the
 * translation of zod's issues into the Portuguese messages HubSoft puts in `errors[]`.
 */
import { z } from 'zod';
import { hubsoftError, type Reply } from './http-io';

function toNumber(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return value;
}

export const intField = z.preprocess(toNumber, z.number().int());

export const boolField = z.preprocess((value) => {
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (['true', '1', 'sim', 'on'].includes(text)) return true;
    if (['false', '0', 'nao', 'não', 'off', ''].includes(text)) return false;
  }
  if (value === 1) return true;
  if (value === 0) return false;
  return value;
}, z.boolean());

/** One id or several, as a number, an array or `"1,2,3"`. */
export const idListField = z.preprocess((value) => {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map(toNumber);
  }
  if (Array.isArray(value)) return value.map(toNumber);
  return value;
}, z.array(z.number().int()));

export const textField = z.string().trim().min(1);

export const simNaoField = z.enum(['sim', 'nao']);

/** Messages in the style of Laravel's Portuguese validation. */
export function validationMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.').replace(/_/g, ' ') || 'corpo';
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      return `O campo ${field} é obrigatório.`;
    }
    if (issue.code === 'unrecognized_keys')
      return `Campos não reconhecidos: ${issue.keys.join(', ')}.`;
    if (issue.code === 'too_small' && issue.origin === 'string') {
      return `O campo ${field} é obrigatório.`;
    }
    return `O campo ${field} é inválido.`;
  });
}

/** Query-string parameters as a plain object, for the same schemas as bodies. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) out[key] = value;
  return out;
}

/** HubSoft's answer to invalid input: HTTP 200, `status: "error"`, every problem in `errors`. */
export function invalidReply(error: z.ZodError): Reply {
  const errors = validationMessages(error);
  return hubsoftError(errors[0] ?? 'Dados inválidos.', errors);
}
