import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch';
import { methods, type Services } from '../../../preload/contract';

function nested(depth: number, shape: 'array' | 'object'): unknown {
  return shape === 'array'
    ? JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)
    : JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

/** Every handler records that it ran: none may, for a call that is not valid. */
function recordingServices(ran: string[]): Services {
  return new Proxy({} as Services, {
    get: (_target, area: string) =>
      new Proxy(
        {},
        {
          get: (_inner, method: string) => () => {
            ran.push(`${area}.${method}`);
            return null;
          },
        },
      ),
  });
}

describe('values nested deeper than validation can follow', () => {
  it.each([
    [5_000, 'array'],
    [5_000, 'object'],
    [100_000, 'array'],
    [100_000, 'object'],
  ] as const)(
    'a draft nested %i levels deep (%s) is refused as invalid input and never saved',
    async (depth, shape) => {
      const ran: string[] = [];
      const dispatch = createDispatcher(recordingServices(ran));
      const answer = await dispatch('drafts.save', ['new-ticket', nested(depth, shape)]);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(ran).toEqual([]);
    },
  );

  it('every method refuses a deeply nested value in each argument, without throwing', async () => {
    const ran: string[] = [];
    const dispatch = createDispatcher(recordingServices(ran));
    const deep = nested(100_000, 'object');
    for (const { name } of methods) {
      for (const args of [[deep], ['new-ticket', deep], [deep, deep]]) {
        expect({ name, answer: await dispatch(name, args) }).toMatchObject({
          name,
          answer: { ok: false, error: { code: 'invalid_input' } },
        });
      }
    }
    expect(ran).toEqual([]);
  });
});
