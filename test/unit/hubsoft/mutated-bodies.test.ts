import { describe, expect, it } from 'vitest';
import { HubsoftError } from '../../../main/hubsoft/errors';
import type { RemoteTicket } from '../../../main/hubsoft/model';
import {
  readSingleTicket,
  readTicketList,
  readZeroBasedPage,
} from '../../../main/hubsoft/parse/payload';
import { fixture, type Json } from './fixtures';

type Path = (string | number)[];

/** Every path in a JSON value, containers included. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return [prefix, ...value.flatMap((item, index) => paths(item, [...prefix, index]))];
  }
  if (typeof value === 'object' && value !== null) {
    return [
      prefix,
      ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key])),
    ];
  }
  return [prefix];
}

const DELETE = Symbol('delete');
const replacements: unknown[] = [
  DELETE,
  null,
  '',
  '   ',
  'abc',
  '42',
  -1,
  1.5,
  Number('20221229180833379797'),
  true,
  {},
  [],
  [null],
  '<html><body>500</body></html>',
];

function mutate(body: Json, path: Path, replacement: unknown): Json {
  const copy = structuredClone(body);
  if (path.length === 0) return copy;
  let parent: unknown = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
  const container = parent as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === DELETE) delete container[last];
  else container[last] = replacement;
  return copy;
}

async function outcome(read: () => unknown): Promise<'value' | 'parse'> {
  try {
    await read();
    return 'value';
  } catch (error) {
    // Anything but a parse HubsoftError (a TypeError above all) fails the test here.
    expect(error).toBeInstanceOf(HubsoftError);
    expect((error as HubsoftError).kind).toBe('parse');
    expect((error as HubsoftError).details.field).toMatch(/\S/);
    return 'parse';
  }
}

const cases: { name: string; body: Json; read: (body: Json) => unknown }[] = [
  {
    name: '/todos page',
    body: fixture('todos-page'),
    read: (b) => readZeroBasedPage(b, 'GET /t', 0),
  },
  {
    name: 'cliente/atendimento',
    body: fixture('cliente-atendimento'),
    read: (b) => readTicketList(b, 'GET /c'),
  },
  {
    name: 'create answer',
    body: fixture('create-answer'),
    read: (b) => readSingleTicket(b, 'POST /a'),
  },
  { name: 'PUT answer', body: fixture('put-answer'), read: (b) => readSingleTicket(b, 'PUT /a') },
];

describe('every mutation of a documented body gives a value or a parse error naming the field', () => {
  for (const { name, body, read } of cases) {
    it(`${name}: ${paths(body).length} fields x ${replacements.length} mutations, never a TypeError`, async () => {
      const seen = { value: 0, parse: 0 };
      for (const path of paths(body)) {
        for (const replacement of replacements) {
          seen[await outcome(() => read(mutate(body, path, replacement)))] += 1;
        }
      }
      expect(seen.value).toBeGreaterThan(0);
      expect(seen.parse).toBeGreaterThan(0);
    });
  }

  it('a value read from a mutated body still has the documented types', async () => {
    const body = fixture('todos-page');
    for (const path of paths(body)) {
      for (const replacement of replacements) {
        let ticket: RemoteTicket | undefined;
        try {
          ticket = (await readZeroBasedPage(mutate(body, path, replacement), 'GET /t', 0))
            .tickets[0];
        } catch {
          continue;
        }
        if (!ticket) continue;
        expect(typeof ticket.id).toBe('number');
        expect(ticket.protocol).toMatch(/^\d+$/);
        expect(ticket.openedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(Array.isArray(ticket.responsibleUserIds)).toBe(true);
      }
    }
  });
});
