/**
 * The two list endpoints and their two paginators: `/atendimento/todos` (0-based, `paginacao`) and
 * `/atendimento/paginado/:n` (Laravel's 1-based paginator, by GET or POST, page as `page` or
 * `pagina`). Both answer model rows without the opening description, and with only the relations
 * `relacoes` asks for.
 */
import { z } from 'zod';
import { DAY_MS, parseLocalDay } from '../clock';
import type { TicketQuery } from '../dataset';
import { hubsoftError, json, readBody, type Reply } from '../http-io';
import type { Router, SimRequest } from '../router';
import { modelRow, type ListRelations } from '../shapes';
import type { SimState } from '../state';
import { idListField, intField, invalidReply, queryObject } from '../validation';

const MAX_PAGE_SIZE = 500;

const filterFields = {
  data_inicio: z.string().optional(),
  data_fim: z.string().optional(),
  tipo_data: z.enum(['data_cadastro', 'data_fechamento']).optional(),
  status: idListField.optional(),
  status_atendimento: idListField.optional(),
  tipo: idListField.optional(),
  tipo_atendimento: idListField.optional(),
  id_servico: idListField.optional(),
  relacoes: z.string().optional(),
};

const todosSchema = z.object({
  pagina: intField.pipe(z.number().min(0)).optional(),
  itens_por_pagina: intField.pipe(z.number().min(1).max(MAX_PAGE_SIZE)).optional(),
  ...filterFields,
});

const paginadoSchema = z.object({
  page: intField.optional(),
  pagina: intField.optional(),
  ...filterFields,
  data_inicio: z.string(),
  data_fim: z.string(),
});

type Filters = z.infer<typeof todosSchema>;

function toQuery(filters: Filters): TicketQuery | string {
  const from = filters.data_inicio === undefined ? null : parseLocalDay(filters.data_inicio);
  const end = filters.data_fim === undefined ? null : parseLocalDay(filters.data_fim);
  if (from === null && filters.data_inicio !== undefined) {
    return 'O campo data inicio deve ser uma data no formato YYYY-MM-DD.';
  }
  if (end === null && filters.data_fim !== undefined) {
    return 'O campo data fim deve ser uma data no formato YYYY-MM-DD.';
  }
  if (from !== null && end !== null && end < from) {
    return 'O campo data fim deve ser uma data posterior ou igual a data inicio.';
  }
  return {
    from,
    to: end === null ? null : end + DAY_MS,
    dateField: filters.tipo_data === 'data_fechamento' ? 'closed' : 'opened',
    statusIds: filters.status ?? filters.status_atendimento ?? null,
    typeIds: filters.tipo ?? filters.tipo_atendimento ?? null,
    planIds: filters.id_servico ?? null,
  };
}

/** Fact 32: each relation only when `relacoes` names it; names HubSoft does not know are ignored. */
function relationsOf(relacoes: string | undefined): ListRelations {
  const names = new Set((relacoes ?? '').split(',').map((name) => name.trim()));
  return {
    customerService: names.has('cliente_servico'),
    responsibles: names.has('usuarios_responsaveis'),
    messages: names.has('atendimento_mensagem'),
  };
}

function rows(
  state: SimState,
  ids: Int32Array,
  start: number,
  end: number,
  request: SimRequest,
  relations: ListRelations,
  list: 'todos' | 'paginado',
) {
  const out: Record<string, unknown>[] = [];
  for (let i = start; i < Math.min(end, ids.length); i += 1) {
    const record = state.dataset.get(ids[i] ?? 0);
    if (record)
      out.push(modelRow(record, state.shapeContext(record, request.now), relations, list));
  }
  return out;
}

function listTodos(state: SimState, request: SimRequest): Reply {
  const parsed = todosSchema.safeParse(queryObject(request.query));
  if (!parsed.success) return invalidReply(parsed.error);
  const query = toQuery(parsed.data);
  if (typeof query === 'string') return hubsoftError(query);
  const ids = state.dataset.query(query);
  const page = parsed.data.pagina ?? 0;
  const size = parsed.data.itens_por_pagina ?? 20;
  return json({
    status: 'success',
    msg: 'Dados consultados com sucesso',
    paginacao: {
      primeira_pagina: 0,
      ultima_pagina: Math.max(0, Math.ceil(ids.length / size) - 1),
      pagina_atual: page,
      total_registros: ids.length,
    },
    atendimentos: rows(
      state,
      ids,
      page * size,
      (page + 1) * size,
      request,
      relationsOf(parsed.data.relacoes),
      'todos',
    ),
  });
}

async function listPaginado(state: SimState, request: SimRequest): Promise<Reply> {
  const perPage = Number(request.params.quantidade);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PAGE_SIZE) {
    return hubsoftError(`A quantidade por página deve estar entre 1 e ${MAX_PAGE_SIZE}.`);
  }
  const body = request.method === 'POST' ? await readBody(request.raw) : {};
  const input = {
    ...queryObject(request.query),
    ...(typeof body === 'object' && body ? body : {}),
  };
  const parsed = paginadoSchema.safeParse(input);
  if (!parsed.success) return invalidReply(parsed.error);
  const query = toQuery(parsed.data);
  if (typeof query === 'string') return hubsoftError(query);
  const ids = state.dataset.query(query);
  // Laravel treats a missing or non-positive page as the first one.
  const page = Math.max(1, parsed.data.page ?? parsed.data.pagina ?? 1);
  const lastPage = Math.max(1, Math.ceil(ids.length / perPage));
  const start = (page - 1) * perPage;
  const data = rows(
    state,
    ids,
    start,
    start + perPage,
    request,
    relationsOf(parsed.data.relacoes),
    'paginado',
  );
  const path = `http://${request.raw.headers.host ?? '127.0.0.1'}${request.path}`;
  const pageUrl = (n: number) => `${path}?page=${n}`;
  return json({
    status: 'success',
    msg: 'Dados consultados com sucesso',
    atendimentos: {
      current_page: page,
      data,
      first_page_url: pageUrl(1),
      from: data.length > 0 ? start + 1 : null,
      last_page: lastPage,
      last_page_url: pageUrl(lastPage),
      next_page_url: page < lastPage ? pageUrl(page + 1) : null,
      path,
      per_page: perPage,
      prev_page_url: page > 1 ? pageUrl(page - 1) : null,
      to: data.length > 0 ? start + data.length : null,
      total: ids.length,
    },
    cliente: null,
  });
}

export function addTicketListRoutes(router: Router, state: SimState): void {
  router
    .add('GET', '/api/v1/integracao/atendimento/todos', (request) => listTodos(state, request))
    .add('GET', '/api/v1/integracao/atendimento/paginado/:quantidade', (request) =>
      listPaginado(state, request),
    )
    .add('POST', '/api/v1/integracao/atendimento/paginado/:quantidade', (request) =>
      listPaginado(state, request),
    );
}
