/**
 * Calls a hostile or buggy page could make, for every method of the contract, drawn from a seed:
 * wrong types, missing and extra arguments, a 10 MB string, values nested thousands of levels
 * deep, prototype pollution keys as JSON.parse makes them, paths outside the staging folder where
 * staged ids go, NaN, Infinity and negative ids, control and bidirectional characters. Each starts
 * from a valid example of the method, so the fields inside objects are reached too.
 */
import { methods, type ArgsOf, type MethodName } from '../../../preload/contract';
import type { SeededRandom } from '../../chaos/seeded-random';

export interface HostileCall {
  method: MethodName;
  args: unknown;
  /** What the call tries, for a failure message. */
  label: string;
}

export interface ExampleContext {
  ticketKey: string;
  /** A path outside the staging folder, given where a staged id goes. */
  outsidePath: string;
}

/** One valid call of each method: the compiler insists every method has one. */
export function validExamples(context: ExampleContext): { [M in MethodName]: ArgsOf<M> } {
  const key = context.ticketKey;
  const login = {
    baseUrl: 'http://127.0.0.1:9',
    clientId: 'cliente',
    clientSecret: 'segredo-de-teste',
    username: 'agente@exemplo.com.br',
    password: 'senha-de-teste',
  };
  return {
    'app.info': [],
    'app.exportDiagnostics': [],
    'session.status': [],
    'session.login': [{ ...login, remember: false }],
    'session.testConnection': [login],
    'session.logout': [{ purgeCache: false }],
    'session.startDemo': [],
    'session.profiles': [],
    'session.switchProfile': ['perfil-inexistente'],
    'session.checkCompatibility': [],
    'session.lastCompatibility': [],
    'tickets.list': [{ status: 'open', limit: 10 }],
    'tickets.get': [key],
    'tickets.search': ['conexão', { limit: 5 }],
    'tickets.refresh': [key],
    'tickets.viewCounts': [{ dayStart: '2026-01-01T03:00:00.000Z' }],
    'tickets.ofCustomer': [1],
    'tickets.summaries': [[key]],
    'drafts.get': [`reply:${key}`],
    'drafts.save': [`reply:${key}`, { text: 'rascunho' }],
    'drafts.discard': [`reply:${key}`],
    'actions.create': [{ serviceId: 1, description: 'Sem sinal', name: 'Ana', phone: '3199' }],
    'actions.reply': [key, 'Retorno ao cliente'],
    'actions.attach': [key, [context.outsidePath]],
    'actions.update': [key, { statusId: 25 }],
    'actions.close': [key, { description: 'Resolvido' }],
    'actions.openServiceOrder': [
      key,
      {
        typeId: 16,
        technicianId: 10,
        scheduledDate: '2026-12-10',
        startTime: '08:00',
        endTime: '10:00',
        availability: ['manha'],
        description: 'Visita técnica',
      },
    ],
    'attachments.pick': [],
    'attachments.stage': [{ name: 'nota.txt', mimeType: 'text/plain', base64: 'b2k=' }],
    'attachments.discard': [context.outsidePath],
    'customers.search': [{ by: 'name', term: 'maria' }],
    'customers.ofService': [1],
    'config.get': [],
    'outbox.list': [],
    'outbox.retry': [1],
    'outbox.edit': [1, { text: 'Texto corrigido' }],
    'outbox.discard': [1],
    'outbox.settings': [],
    'outbox.setLookBeforeSending': [true],
    'sync.now': [],
    'sync.status': [],
    'sync.setWindow': [90],
    'session.reauthenticate': [{ password: 'demo', remember: false }],
  };
}

/**
 * Methods whose valid calls would end the session, sign in elsewhere, start the demo server or
 * run a whole sync: the fuzzing sends only their invalid calls, which must change nothing.
 */
export const onlyInvalidCalls: ReadonlySet<string> = new Set([
  'session.login',
  'session.reauthenticate',
  'session.testConnection',
  'session.logout',
  'session.startDemo',
  'sync.now',
]);

export const tenMegabytes = 'ç'.repeat(5 * 1024 * 1024);

function nested(depth: number, asArray: boolean): unknown {
  const open = asArray ? '['.repeat(depth) : '{"a":'.repeat(depth);
  const close = asArray ? ']'.repeat(depth) : '}'.repeat(depth);
  return JSON.parse(`${open}${asArray ? '' : '1'}${close}`);
}

/** Values that are wrong almost anywhere; pollution keys are built as JSON.parse builds them. */
export function hostileValues(outsidePath: string): { label: string; value: unknown }[] {
  return [
    { label: 'NaN', value: Number.NaN },
    { label: 'Infinity', value: Number.POSITIVE_INFINITY },
    { label: '-Infinity', value: Number.NEGATIVE_INFINITY },
    { label: 'negative id', value: -1 },
    { label: 'zero', value: 0 },
    { label: 'fraction', value: 1.5 },
    { label: 'unsafe integer', value: 2 ** 60 },
    { label: 'true', value: true },
    { label: 'null', value: null },
    { label: 'undefined', value: undefined },
    { label: 'empty string', value: '' },
    { label: 'NUL and controls', value: 'a\u0000b\u0007c\u001b[31m' },
    { label: 'RTL override', value: 'fatura\u202Efdp.exe' },
    { label: 'lone surrogate', value: '\uD800x' },
    { label: 'path outside staging', value: outsidePath },
    { label: 'relative escape', value: '../../../../etc/passwd' },
    { label: 'windows path', value: '..\\..\\Windows\\System32\\config\\SAM' },
    { label: 'reserved name', value: 'CON' },
    { label: 'empty array', value: [] },
    { label: 'array of junk', value: [null, 1, 'x', {}] },
    { label: 'empty object', value: {} },
    { label: '__proto__ key', value: JSON.parse('{"__proto__":{"polluted":"yes"}}') },
    {
      label: 'constructor.prototype key',
      value: JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    },
    { label: 'prototype key', value: JSON.parse('{"prototype":{"polluted":"yes"}}') },
    { label: 'nested 5,000 levels (array)', value: nested(5_000, true) },
    { label: 'nested 5,000 levels (object)', value: nested(5_000, false) },
  ];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON.parse makes `__proto__` an own key; a literal would set the prototype instead. */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown) {
  const copy = JSON.parse(JSON.stringify(target)) as Record<string, unknown>;
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function mutateObject(
  random: SeededRandom,
  object: Record<string, unknown>,
  hostile: { label: string; value: unknown },
): { value: unknown; label: string } {
  const keys = Object.keys(object);
  const field = keys.length > 0 ? random.pick(keys) : 'x';
  switch (random.int(0, 3)) {
    case 0:
      return { value: { ...object, [field]: hostile.value }, label: `${field} = ${hostile.label}` };
    case 1:
      return {
        value: Object.fromEntries(Object.entries(object).filter(([key]) => key !== field)),
        label: `without ${field}`,
      };
    case 2:
      return { value: { ...object, extra: hostile.value }, label: `extra key = ${hostile.label}` };
    default: {
      const key = random.pick(['__proto__', 'constructor', 'prototype']);
      return {
        value: withOwnKey(object, key, { polluted: 'yes', isAdmin: true }),
        label: `own key ${key}`,
      };
    }
  }
}

/** `perMethod` seeded calls for every method, plus one with a 10 MB string in each argument. */
export function hostileCalls(
  random: SeededRandom,
  context: ExampleContext,
  perMethod: number,
): HostileCall[] {
  const examples = validExamples(context) as Record<MethodName, unknown[]>;
  const values = hostileValues(context.outsidePath);
  const calls: HostileCall[] = [];
  for (const { name } of methods) {
    const example = examples[name];
    calls.push({ method: name, args: [tenMegabytes, ...example.slice(1)], label: '10 MB string' });
    for (let i = 0; i < perMethod; i += 1) {
      const hostile = random.pick(values);
      const position = example.length > 0 ? random.int(0, example.length - 1) : 0;
      const target = example[position];
      switch (random.int(0, 4)) {
        case 0:
          calls.push({ method: name, args: hostile.value, label: `args = ${hostile.label}` });
          break;
        case 1:
          calls.push({
            method: name,
            args: [...example, hostile.value],
            label: `extra argument ${hostile.label}`,
          });
          break;
        case 2:
          calls.push({
            method: name,
            args: example.slice(0, Math.max(0, example.length - 1)),
            label: 'missing argument',
          });
          break;
        default: {
          const mutated = isPlainObject(target)
            ? mutateObject(random, target, hostile)
            : { value: hostile.value, label: hostile.label };
          const args = [...example];
          args[position] = mutated.value;
          calls.push({ method: name, args, label: `argument ${position}: ${mutated.label}` });
        }
      }
    }
  }
  return calls;
}
