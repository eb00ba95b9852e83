/**
 * What callers ask of HubSoft, in the app's words, and the bodies/queries HubSoft expects for
 * them. Pure functions: no I/O here.
 */
import { HubsoftError } from './errors';

export type TicketRelation =
  'cliente_servico' | 'usuarios_responsaveis' | 'atendimento_mensagem' | 'checklists';

export interface TicketListQuery {
  /** 0-based for both paginators (the Laravel one is converted). */
  page: number;
  /** 1..500; integrators use 100 with relations, 500 can time out with them. */
  perPage: number;
  /** `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  /** Filter on creation date (HubSoft's default) or on closing date (`tipo_data=data_fechamento`). */
  dateField?: 'created' | 'closed';
  relations?: TicketRelation[];
  signal?: AbortSignal;
}

export type CustomerTicketSearchField =
  'codigo_cliente' | 'cpf_cnpj' | 'id_cliente_servico' | 'protocolo';

export interface CustomerTicketsQuery {
  by: CustomerTicketSearchField;
  term: string;
  /** Only open tickets (HubSoft's default is yes). */
  onlyPending?: boolean;
  /** 1..50. */
  limit?: number;
  from?: string;
  to?: string;
  withMessages?: boolean;
  signal?: AbortSignal;
}

export type CustomerSearchField =
  | 'cpf_cnpj'
  | 'codigo_cliente'
  | 'nome_razaosocial'
  | 'telefone'
  | 'id_cliente'
  /** Fact 38: the customer a service belongs to (the ticket's customer panel). */
  | 'id_cliente_servico';

export interface CustomerSearchQuery {
  by: CustomerSearchField;
  term: string;
  /** 1..100. */
  limit?: number;
  /** Include cancelled customers (`cancelado=sim`). */
  includeCancelled?: boolean;
  signal?: AbortSignal;
}

export interface NewTicket {
  /** `id_cliente_servico` of the customer's service. */
  serviceId: number;
  description: string;
  requesterName: string;
  /** `DDNNNNNNNNN`. */
  requesterPhone: string;
  requesterEmail?: string;
  typeId?: number;
  statusId?: number;
  responsibleUserIds?: number[];
  contactOriginId?: number;
  availabilityIds?: number[];
  openServiceOrder?: boolean;
  /** Free-form integration data HubSoft stores with the ticket. */
  parameters?: Record<string, unknown>[];
}

export interface TicketEdit {
  description?: string;
  statusId?: number;
  typeId?: number;
  parameters?: Record<string, unknown>;
}

/** Facts 25 and 43: a ticket closes as done or not done, never with a ticket status prefix. */
export type ClosingStatus = 'concluido' | 'sem_conclusao';

export interface TicketClosing {
  /** `id_motivo_fechamento_atendimento`. */
  reasonId?: number;
  description?: string;
  closingStatus?: ClosingStatus;
  parameters?: Record<string, unknown>;
}

/** An O.S. opened from a ticket (fact 41); day and hours on the provider's wall clock. */
export interface NewServiceOrder {
  typeId: number;
  technicianIds: number[];
  /** `YYYY-MM-DD`. */
  scheduledDate: string;
  /** `HH:MM`. */
  startTime: string;
  endTime: string;
  /** Period prefixes (`manha`, `tarde`). */
  availability: string[];
  description: string;
}

export interface AttachmentFile {
  /** Absolute path on disk; the file is streamed, never read whole. */
  path: string;
  /** Name the server sees; the file's own name when omitted. */
  name?: string;
  mimeType?: string;
}

function invalid(message: string): HubsoftError {
  return new HubsoftError('validation', message, { details: { errors: [message] } });
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function checkRange(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${what} deve ser um inteiro entre ${min} e ${max}.`);
  }
  return value;
}

function checkDay(value: string | undefined, what: string): string | undefined {
  if (value !== undefined && !isoDay.test(value))
    throw invalid(`${what} deve estar no formato AAAA-MM-DD.`);
  return value;
}

function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

const yesNo = (value: boolean): 'sim' | 'nao' => (value ? 'sim' : 'nao');

/** Filters shared by both list endpoints (the page itself is added by each). */
export function listFilters(query: TicketListQuery): Record<string, string | number> {
  if (!Number.isSafeInteger(query.page) || query.page < 0) {
    throw invalid('A página deve ser um inteiro a partir de 0.');
  }
  checkRange(query.perPage, 1, 500, 'Itens por página');
  return defined({
    data_inicio: checkDay(query.from, 'A data inicial'),
    data_fim: checkDay(query.to, 'A data final'),
    tipo_data: query.dateField === 'closed' ? 'data_fechamento' : undefined,
    relacoes: query.relations && query.relations.length > 0 ? query.relations.join(',') : undefined,
  }) as Record<string, string | number>;
}

export function customerTicketsParams(
  query: CustomerTicketsQuery,
): Record<string, string | number> {
  return defined({
    busca: query.by,
    termo_busca: query.term,
    apenas_pendente: yesNo(query.onlyPending ?? true),
    limit: query.limit === undefined ? undefined : checkRange(query.limit, 1, 50, 'O limite'),
    data_inicio: checkDay(query.from, 'A data inicial'),
    data_fim: checkDay(query.to, 'A data final'),
    relacoes: query.withMessages ? 'atendimento_mensagem' : undefined,
  }) as Record<string, string | number>;
}

export function customerSearchParams(query: CustomerSearchQuery): Record<string, string | number> {
  return defined({
    busca: query.by,
    termo_busca: query.term,
    limit: query.limit === undefined ? undefined : checkRange(query.limit, 1, 100, 'O limite'),
    cancelado: query.includeCancelled === undefined ? undefined : yesNo(query.includeCancelled),
  }) as Record<string, string | number>;
}

export function newTicketBody(ticket: NewTicket): Record<string, unknown> {
  return defined({
    id_cliente_servico: ticket.serviceId,
    descricao: ticket.description,
    nome: ticket.requesterName,
    telefone: ticket.requesterPhone,
    email: ticket.requesterEmail,
    id_tipo_atendimento: ticket.typeId,
    id_atendimento_status: ticket.statusId,
    id_usuario_responsavel: ticket.responsibleUserIds?.join(','),
    id_origem_contato: ticket.contactOriginId,
    id_disponibilidade: ticket.availabilityIds?.join(','),
    abrir_os: ticket.openServiceOrder,
    parametros: ticket.parameters,
  });
}

export function editBody(edit: TicketEdit): Record<string, unknown> {
  return defined({
    fechar_atendimento: false,
    descricao: edit.description,
    id_atendimento_status: edit.statusId,
    id_tipo_atendimento: edit.typeId,
    parametros: edit.parameters,
  });
}

export function closeBody(closing: TicketClosing): Record<string, unknown> {
  return defined({
    fechar_atendimento: true,
    parametros_fechamento: defined({
      // Fact 25: production reads the ticket key; `id_motivo_fechamento` (the service-order key of
      // the document's PUT example) is ignored and the reason silently defaulted (fact 22).
      id_motivo_fechamento_atendimento: closing.reasonId,
      descricao_fechamento: closing.description,
      status_fechamento: closing.closingStatus,
    }),
    parametros: closing.parameters,
  });
}

/** Fact 41: PHP-style "arrays" keyed "0", "1", ... instead of JSON arrays. */
function indexedObject<T>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries(items.map((item, index) => [String(index), item]));
}

/** The `abrir_os` body (fact 41); the ticket's id goes in the query string. */
export function serviceOrderBody(order: NewServiceOrder): Record<string, unknown> {
  return {
    id_tipo_ordem_servico: order.typeId,
    data_inicio_programado: order.scheduledDate,
    hora_inicio_programado: order.startTime,
    data_termino_programado: order.scheduledDate,
    hora_termino_programado: order.endTime,
    descricao_servico: order.description,
    tecnicos: indexedObject(order.technicianIds.map((technicianId) => ({ id: technicianId }))),
    disponibilidade: indexedObject(order.availability),
  };
}
