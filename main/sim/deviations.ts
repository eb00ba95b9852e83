/**
 * Deviations a real HubSoft tenant may show and the compatibility check recognizes, so tests can
 * play such a server. Set by `POST /__sim/deviations` (each body replaces the previous set; `{}`
 * is the faithful server of the facts). They rewrite the request's query before a route sees it,
 * or the reply's body after, so the routes themselves stay as the facts describe:
 *
 * - legacySuscess: every `"status": "success"` answered as the documented typo `"suscess"` (fact 11);
 * - stringIds: every numeric `id`/`id_*` field sent as a string (fact 45);
 * - paginadoIgnoresPagina: `/atendimento/paginado/:n` reads only Laravel's `page` (facts §11);
 * - dropRelations: list rows come without these relations even when asked (fact 32);
 * - periodsLegacyKey: periods keyed `id_disponibilidade` instead of `id_periodo_dia` (§5).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody, type Reply } from './http-io';

const relation = z.enum(['cliente_servico', 'usuarios_responsaveis', 'atendimento_mensagem']);

export const deviationsBodySchema = z
  .object({
    legacySuscess: z.boolean(),
    stringIds: z.boolean(),
    paginadoIgnoresPagina: z.boolean(),
    dropRelations: z.array(relation),
    periodsLegacyKey: z.boolean(),
  })
  .partial()
  .strict();

export type DeviationsBody = z.infer<typeof deviationsBodySchema>;

const adminPath = '/__sim/deviations';
const listPaths = /\/api\/v1\/integracao\/atendimento\/(todos|paginado\/\d+)$/;
const paginadoPath = /\/api\/v1\/integracao\/atendimento\/paginado\/\d+$/;
const periodsPath = '/api/v1/integracao/configuracao/disponibilidade';

type Json = Record<string, unknown>;

export class SimDeviations {
  private active: DeviationsBody = {};

  set(body: DeviationsBody): DeviationsBody {
    this.active = { ...body };
    return this.active;
  }

  isAdminRequest(pathname: string): boolean {
    return pathname === adminPath;
  }

  async handleAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = deviationsBodySchema.safeParse(await readBody(req));
    const [status, body] =
      req.method !== 'POST'
        ? [405, { message: 'Use POST.' }]
        : parsed.success
          ? [200, this.set(parsed.data)]
          : [400, { message: parsed.error.issues.map((issue) => issue.message).join('; ') }];
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  /** The query a route sees. */
  query(pathname: string, query: URLSearchParams): URLSearchParams {
    if (!this.active.paginadoIgnoresPagina || !paginadoPath.test(pathname)) return query;
    const seen = new URLSearchParams(query);
    seen.delete('pagina');
    return seen;
  }

  /** The reply the client gets. */
  reply(pathname: string, reply: Reply): Reply {
    const { legacySuscess, stringIds, dropRelations, periodsLegacyKey } = this.active;
    if (!pathname.startsWith('/api/') || typeof reply.body !== 'object' || reply.body === null) {
      return reply;
    }
    let body = reply.body as Json;
    if (dropRelations?.length && listPaths.test(pathname))
      body = withoutRelations(body, dropRelations);
    if (periodsLegacyKey && pathname === periodsPath) body = legacyPeriods(body);
    if (stringIds) body = idsAsStrings(body) as Json;
    if (legacySuscess && body.status === 'success') body = { ...body, status: 'suscess' };
    return { ...reply, body };
  }
}

function withoutRelations(body: Json, names: readonly string[]): Json {
  const strip = (rows: unknown) =>
    Array.isArray(rows)
      ? rows.map((row) =>
          Object.fromEntries(Object.entries(row as Json).filter(([key]) => !names.includes(key))),
        )
      : rows;
  const list = body.atendimentos;
  if (Array.isArray(list)) return { ...body, atendimentos: strip(list) };
  if (typeof list === 'object' && list !== null) {
    return { ...body, atendimentos: { ...(list as Json), data: strip((list as Json).data) } };
  }
  return body;
}

function legacyPeriods(body: Json): Json {
  if (!Array.isArray(body.periodos)) return body;
  return {
    ...body,
    periodos: body.periodos.map((item) => {
      const { id_periodo_dia: id, ...rest } = item as Json;
      return id === undefined ? item : { id_disponibilidade: id, ...rest };
    }),
  };
}

function idsAsStrings(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => idsAsStrings(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([childKey, child]) => [childKey, idsAsStrings(child, childKey)]),
    );
  }
  return typeof value === 'number' && /^id(_|$)/.test(key) ? String(value) : value;
}
