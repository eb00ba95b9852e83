/**
 * Customer endpoints: `GET /cliente` (search, to open a ticket for one of the customer's services)
 * and `GET /cliente/atendimento` (a customer's or a protocol's tickets in the presentation shape,
 * the only place the full ticket with its opening text and messages comes from).
 */
import { z } from 'zod';
import { DAY_MS, naiveDateTime, parseLocalDay } from '../clock';
import type { CustomerRecord } from '../customers';
import { hubsoftError, json, type Reply } from '../http-io';
import type { TicketRecord } from '../records';
import type { Router, SimRequest } from '../router';
import { presentation } from '../shapes';
import type { SimState } from '../state';
import { intField, invalidReply, queryObject, simNaoField } from '../validation';

const customerSearchSchema = z.object({
  // Fact 38 lists more (nome_fantasia, login_radius, ipv4, mac...); these are the ones the app uses.
  busca: z.enum([
    'cpf_cnpj',
    'codigo_cliente',
    'nome_razaosocial',
    'telefone',
    'id_cliente_servico',
  ]),
  termo_busca: z.string().trim().min(1),
  limit: intField.pipe(z.number().min(1).max(100)).optional(),
  cancelado: simNaoField.optional(),
  ultima_conexao: simNaoField.optional(),
  incluir_contrato: simNaoField.optional(),
});

const customerTicketsSchema = z.object({
  busca: z.enum(['codigo_cliente', 'cpf_cnpj', 'id_cliente_servico', 'protocolo']),
  termo_busca: z.string().trim().min(1),
  limit: intField.pipe(z.number().min(1).max(50)).optional(),
  apenas_pendente: simNaoField.optional(),
  order_by: z.enum(['data_cadastro', 'data_fechamento']).optional(),
  order_type: z.enum(['asc', 'desc']).optional(),
  data_inicio: z.string().optional(),
  data_fim: z.string().optional(),
  relacoes: z.string().optional(),
});

function customerRow(customer: CustomerRecord, includeCancelled: boolean): Record<string, unknown> {
  const services = customer.services.filter(
    (service) => includeCancelled || service.status.prefix !== 'cancelado',
  );
  return {
    id_cliente: customer.id,
    codigo_cliente: customer.code,
    nome_razaosocial: customer.name,
    nome_fantasia: customer.kind === 'pj' ? customer.name : null,
    tipo_pessoa: customer.kind,
    cpf_cnpj: customer.document,
    telefone_primario: customer.phone,
    telefone_secundario: customer.secondaryPhone,
    email_principal: customer.email,
    data_cadastro: naiveDateTime(customer.createdAt),
    ativo: customer.active,
    servicos: services.map((service) => ({
      id_cliente_servico: service.id,
      id_servico: service.plan.id,
      numero_plano: service.planNumber,
      nome: service.plan.name,
      valor: service.plan.price,
      status: service.status.label,
      status_prefixo: service.status.prefix,
      endereco_instalacao: {
        endereco: service.address.street,
        numero: service.address.number,
        complemento: service.address.complement,
        bairro: service.address.neighbourhood,
        cidade: service.address.city.name,
        uf: service.address.city.state,
        cep: service.address.cep,
      },
    })),
  };
}

function searchCustomers(state: SimState, request: SimRequest): Reply {
  const parsed = customerSearchSchema.safeParse(queryObject(request.query));
  if (!parsed.success) return invalidReply(parsed.error);
  const { busca, termo_busca: term, limit = 20, cancelado = 'sim' } = parsed.data;
  const customers = state.dataset.customers;
  const rows = customers
    .search(busca, term, limit)
    .map((index) => customerRow(customers.get(index), cancelado === 'sim'))
    .filter((row) => (row.servicos as unknown[]).length > 0 || cancelado === 'sim');
  if (rows.length === 0) {
    return hubsoftError('Nenhum cliente encontrado.', [
      `Nenhum cliente encontrado para ${busca} = ${term}.`,
    ]);
  }
  return json({ status: 'success', msg: 'Dados consultados com sucesso', clientes: rows });
}

function ticketsFor(state: SimState, busca: string, term: string): TicketRecord[] | null {
  const dataset = state.dataset;
  const load = (ids: number[]) =>
    ids.map((id) => dataset.get(id)).filter((record): record is TicketRecord => record !== null);
  switch (busca) {
    case 'protocolo': {
      const record = dataset.findByProtocol(term);
      return record ? [record] : [];
    }
    case 'codigo_cliente': {
      const index = dataset.customers.indexOfCode(Number(term));
      return index === null ? null : load(dataset.idsOfCustomer(index));
    }
    case 'cpf_cnpj': {
      const [index] = dataset.customers.search('cpf_cnpj', term, 1);
      return index === undefined ? null : load(dataset.idsOfCustomer(index));
    }
    default: {
      const owner = /^\d+$/.test(term) ? dataset.customers.service(Number(term)) : null;
      if (!owner) return null;
      return load(dataset.idsOfCustomer(owner.customer.index)).filter(
        (record) => record.serviceId === owner.service.id,
      );
    }
  }
}

function customerTickets(state: SimState, request: SimRequest): Reply {
  const parsed = customerTicketsSchema.safeParse(queryObject(request.query));
  if (!parsed.success) return invalidReply(parsed.error);
  const input = parsed.data;
  // Fact 16 and the design: a deleted ticket's detail is an HTTP 200 error, not an empty list.
  if (input.busca === 'protocolo' && state.dataset.wasDeleted(input.termo_busca)) {
    return hubsoftError('Atendimento não encontrado');
  }
  const found = ticketsFor(state, input.busca, input.termo_busca);
  if (found === null) {
    return hubsoftError('Cliente não encontrado.', [
      `Nenhum cliente encontrado para ${input.busca} = ${input.termo_busca}.`,
    ]);
  }
  const from = input.data_inicio === undefined ? null : parseLocalDay(input.data_inicio);
  const to = input.data_fim === undefined ? null : parseLocalDay(input.data_fim);
  if (
    (input.data_inicio !== undefined && from === null) ||
    (input.data_fim !== undefined && to === null)
  ) {
    return hubsoftError('As datas devem estar no formato YYYY-MM-DD.');
  }
  const byClosing = input.order_by === 'data_fechamento';
  const sortKey = (record: TicketRecord) =>
    byClosing ? (record.closedAt ?? Number.MAX_SAFE_INTEGER) : record.openedAt;
  const direction = input.order_type === 'desc' ? -1 : 1;
  const onlyPending = (input.apenas_pendente ?? 'sim') === 'sim';
  const withMessages = (input.relacoes ?? '')
    .split(',')
    .some((name) => name.trim() === 'atendimento_mensagem');
  const rows = found
    .filter((record) => !onlyPending || record.closedAt === null)
    .filter((record) => from === null || record.openedAt >= from)
    .filter((record) => to === null || record.openedAt < to + DAY_MS)
    .sort((a, b) => (sortKey(a) - sortKey(b)) * direction)
    .slice(0, input.limit ?? 20)
    .map((record) => presentation(record, state.shapeContext(record, request.now), withMessages));
  // Fact 11: live servers answer "success"; the documented typo "suscess" is a deviation to set.
  return json({ status: 'success', msg: 'Dados consultados com sucesso', atendimentos: rows });
}

export function addCustomerRoutes(router: Router, state: SimState): void {
  router
    .add('GET', '/api/v1/integracao/cliente', (request) => searchCustomers(state, request))
    .add('GET', '/api/v1/integracao/cliente/atendimento', (request) =>
      customerTickets(state, request),
    );
}
