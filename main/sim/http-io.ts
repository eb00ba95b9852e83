/**
 * Reading request bodies the way a PHP server does (JSON, or form-encoded with `a[b]=c` brackets)
 * and the reply type every handler returns.
 */
import type { IncomingMessage } from 'node:http';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export class BodyError extends Error {}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyError('corpo da requisição grande demais');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type FormValue = string | FormObject | FormValue[];
interface FormObject {
  [key: string]: FormValue;
}

/** `a[b][0]=x&c[]=y` -> `{a: {b: ['x']}, c: ['y']}`, as PHP builds `$_POST`. */
export function parseBracketForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(key);
    const head = match?.[1] ?? key;
    const path = [
      head,
      ...[...(match?.[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? ''),
    ];
    let container: FormObject | FormValue[] = root;
    for (let i = 0; i < path.length; i += 1) {
      const segment = path[i] ?? '';
      const last = i === path.length - 1;
      const nextSegment = path[i + 1];
      const fresh = (): FormObject | FormValue[] =>
        nextSegment === '' || /^\d+$/.test(nextSegment ?? '') ? [] : {};
      if (Array.isArray(container)) {
        const index = segment === '' ? container.length : Number(segment);
        if (last) container[index] = value;
        else {
          const existing = container[index];
          const child: FormValue =
            existing !== undefined && typeof existing !== 'string' ? existing : fresh();
          container[index] = child;
          container = child as FormObject | FormValue[];
        }
      } else if (last) {
        container[segment] = value;
      } else {
        const existing = container[segment];
        const child: FormValue =
          existing !== undefined && typeof existing !== 'string' ? existing : fresh();
        container[segment] = child;
        container = child as FormObject | FormValue[];
      }
    }
  }
  return root;
}

/** The request body as data: JSON, form fields, or `{}` when there is none. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  if (text.trim() === '') return {};
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return parseBracketForm(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (type.includes('json')) throw new BodyError('JSON inválido no corpo da requisição');
    return parseBracketForm(text);
  }
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** HubSoft's usual failure: HTTP 200 with `status: "error"`. */
export function hubsoftError(msg: string, errors: string[] = [msg], status = 200): Reply {
  return json({ status: 'error', msg, errors }, status);
}
