/**
 * The three shapes HubSoft answers tickets in: the model row of list endpoints (nested objects, no
 * opening description), the raw model of PUT (no nested objects), and the presentation shape of
 * create and `cliente/atendimento` (labels, dd/mm/yyyy dates, some ids as strings, `servico`
 * sometimes missing).
 */
import {
  CLOSING_REASONS,
  ORDER_TYPES,
  STATUSES,
  TECHNICIANS,
  TYPES,
  findById,
  userById,
} from './catalog';
import { brDate, brDateTime, brDateTimeShort, formatRemaining, naiveDateTime } from './clock';
import type { CustomerRecord, ServiceRecord } from './customers';
import type { MessageRecord, ServiceOrderRecord, TicketRecord } from './records';

type Json = Record<string, unknown>;

function optionalDate(ms: number | null, format: (ms: number) => string): string | null {
  return ms === null ? null : format(ms);
}

function userName(id: number | null): string | null {
  if (id === null) return null;
  return userById(id)?.name ?? findById(TECHNICIANS, id)?.name ?? null;
}

function sla(record: TicketRecord, now: number): Json {
  const hours = findById(TYPES, record.typeId)?.slaHours ?? 24;
  const budget = hours * 3_600_000;
  const end = record.closedAt ?? now;
  const remaining = record.openedAt + budget - end;
  const percent = Math.max(0, Math.min(100, Math.round((remaining / budget) * 100)));
  return {
    minutos_em_aberto: Math.max(0, Math.floor((end - record.openedAt) / 60000)),
    tempo_restante: formatRemaining(remaining),
    percentual_tempo_restante: percent,
    percentual_color_class:
      percent > 50
        ? 'white-fg md-green-bg'
        : percent > 20
          ? 'white-fg md-amber-bg'
          : 'white-fg md-red-bg',
  };
}

function dateFields(record: TicketRecord): Json {
  return {
    data_cadastro_br: brDateTimeShort(record.openedAt),
    data_cadastro_timestamp: record.openedAt,
    data_fechamento_br: optionalDate(record.closedAt, brDateTimeShort),
    data_fechamento_timestamp: record.closedAt,
  };
}

function messageRow(ticketId: number, message: MessageRecord): Json {
  return {
    id_atendimento_mensagem: message.id,
    id_atendimento: ticketId,
    mensagem: message.text,
    data_cadastro_br: brDateTimeShort(message.createdAt),
    data_cadastro_timestamp: message.createdAt,
  };
}

function agentEmail(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '.');
  return `${slug}@provedor.com.br`;
}

function serviceModel(customer: CustomerRecord, service: ServiceRecord): Json {
  const address = service.address;
  const label = `${service.plan.name}`;
  const cep = `${address.cep.slice(0, 5)}-${address.cep.slice(5)}`;
  return {
    id_cliente_servico: service.id,
    id_cliente: customer.id,
    id_servico: service.plan.id,
    numero_plano: service.planNumber,
    display: `(${service.planNumber}) ${label}`,
    endereco_numero_completo: `${address.street}, ${address.number} - ${address.neighbourhood}, ${address.city.name.toUpperCase()}/${address.city.state} | CEP: ${cep}`,
    endereco_instalacao: {
      id_cliente_servico_endereco: address.serviceAddressId,
      id_endereco_numero: address.id,
      id_cliente_servico: service.id,
      tipo: 'instalacao',
      endereco_numero: {
        id_endereco_numero: address.id,
        numero: address.number,
        complemento: address.complement,
        coordenadas: { type: 'Point', coordinates: [address.lon, address.lat] },
        ativo: true,
        id_cidade: address.city.id,
        bairro: address.neighbourhood,
        referencia: null,
        endereco: address.street,
        cep: address.cep,
        atualizar_coords_auto: false,
        id_condominio: null,
        cidade: {
          id_cidade: address.city.id,
          id_estado: address.city.stateId,
          nome: address.city.name,
          estado: { id_estado: address.city.stateId, sigla: address.city.state },
        },
      },
    },
    servico: {
      id_servico: service.plan.id,
      descricao: service.plan.name,
      id_servico_grupo: service.plan.groupId,
      servico_grupo: {
        id_servico_grupo: service.plan.groupId,
        descricao: service.plan.group,
        data_cadastro: '2020-04-15 13:52:01',
        ativo: true,
      },
    },
    cliente: {
      id_cliente: customer.id,
      ativo: customer.active,
      codigo_cliente: customer.code,
      nome_razaosocial: customer.name,
      display: `(${customer.code}) ${customer.name}`,
    },
  };
}

export interface ShapeContext {
  customer: CustomerRecord;
  service: ServiceRecord;
  now: number;
}

/** The relations a list call can load with `relacoes` (fact 32). */
export interface ListRelations {
  customerService: boolean;
  responsibles: boolean;
  messages: boolean;
}

/**
 * A row of `/atendimento/todos` and `/atendimento/paginado/:n`. Facts 32-34: `cliente_servico`,
 * `usuarios_responsaveis` and `atendimento_mensagem` come only when `relacoes` names them; only
 * `/paginado` rows carry `anexos_count`.
 */
export function modelRow(
  record: TicketRecord,
  context: ShapeContext,
  relations: ListRelations,
  list: 'todos' | 'paginado',
): Json {
  const status = findById(STATUSES, record.statusId);
  const type = findById(TYPES, record.typeId);
  const closedOrders = record.serviceOrders.filter((order) => order.status === 'finalizado').length;
  const row: Json = {
    id_atendimento: record.id,
    id_atendimento_status: record.statusId,
    id_tipo_atendimento: record.typeId,
    id_cliente_servico: record.serviceId,
    id_usuario_responsavel: record.primaryResponsibleId,
    id_usuario_abertura: record.openedByUserId,
    protocolo: record.protocol,
    data_cadastro: naiveDateTime(record.openedAt),
    data_fechamento: optionalDate(record.closedAt, naiveDateTime),
    rascunho: record.draft,
    status_fechamento: record.closingStatus,
    descricao_fechamento: record.closingDescription,
    id_motivo_fechamento_atendimento: record.closingReasonId,
    deleted_at: null,
    avaliacao: null,
    comentario_avaliacao: null,
    ordem_servico_count: record.serviceOrders.length,
    ordem_servico_fechada: closedOrders,
    ordem_servico_aberta: record.serviceOrders.length - closedOrders,
    ingressado: false,
    ...(list === 'paginado'
      ? { anexos_count: record.earlierAttachmentCount + record.attachments.length }
      : {}),
    ...dateFields(record),
    ...sla(record, context.now),
    status: status
      ? {
          id_atendimento_status: status.id,
          prefixo: status.prefix,
          descricao: status.label,
          cor: status.color,
          abrir_ordem_servico: status.opensServiceOrder,
          display: status.label,
        }
      : null,
    tipo_atendimento: type
      ? { id_tipo_atendimento: type.id, descricao: type.label, checklists: [] }
      : null,
  };
  if (relations.customerService) {
    row.cliente_servico = serviceModel(context.customer, context.service);
  }
  if (relations.responsibles) {
    row.usuarios_responsaveis = record.responsibleUserIds.map((id) => {
      const name = userName(id) ?? '';
      return {
        id,
        name,
        email: agentEmail(name),
        pivot: { id_atendimento: record.id, id_usuario: id },
      };
    });
  }
  if (relations.messages) {
    row.atendimento_mensagem = [...record.messages]
      .reverse()
      .map((message) => messageRow(record.id, message));
  }
  return row;
}

/** What PUT answers: the ticket's own columns, nothing nested. */
export function rawModel(record: TicketRecord, now: number): Json {
  return {
    id_atendimento: record.id,
    protocolo: record.protocol,
    id_cliente_servico: record.serviceId,
    id_tipo_atendimento: record.typeId,
    id_usuario_abertura: record.openedByUserId,
    id_usuario_fechamento: record.closedByUserId,
    descricao_abertura: record.description,
    descricao_fechamento: record.closingDescription,
    data_cadastro: naiveDateTime(record.openedAt),
    data_fechamento: optionalDate(record.closedAt, naiveDateTime),
    ip_cadastro: null,
    id_usuario_responsavel: record.primaryResponsibleId,
    id_setor_responsavel: null,
    destino: 'usuario',
    status_fechamento: record.closingStatus,
    id_motivo_fechamento_atendimento: record.closingReasonId,
    id_atendimento_status: record.statusId,
    resultado_diagnostico: null,
    nome_contato: record.contactName,
    telefone_contato: record.contactPhone,
    email_contato: record.contactEmail,
    rascunho: record.draft,
    deleted_at: null,
    id_origem_contato: record.originId,
    avaliacao: null,
    comentario_avaliacao: null,
    push_notification_enviado: false,
    ...dateFields(record),
    ...sla(record, now),
  };
}

function presentationCustomer(customer: CustomerRecord): Json {
  return {
    codigo_cliente: customer.code,
    nome_razaosocial: customer.name,
    cpf_cnpj: customer.document,
  };
}

function presentationService(service: ServiceRecord): Json {
  return {
    id_cliente_servico: String(service.id),
    numero_plano: service.planNumber,
    nome: service.plan.name,
    valor: service.plan.price,
    status: service.status.label,
    status_prefixo: service.status.prefix,
  };
}

/**
 * Fact 41, key for key: the order `abrir_os` answers, its status a prefix (fact 43) and its
 * number a JSON number, where the ticket's detail gives a string (fact 45).
 */
export function openedOrder(
  record: TicketRecord,
  order: ServiceOrderRecord,
  context: ShapeContext,
): Json {
  return {
    id_ordem_servico: order.id,
    id_atendimento: record.id,
    tipo_ordem_servico: findById(ORDER_TYPES, order.typeId)?.label ?? null,
    numero_ordem_servico: Number(order.number),
    descricao_abertura: order.description,
    status: order.status,
    data_cadastro: brDateTime(order.openedAt),
    data_inicio_programado: brDateTime(order.scheduledStart),
    data_termino_programado: brDateTime(order.scheduledEnd),
    cliente_servico: {
      display: `${context.service.planNumber} - ${context.service.plan.name}`,
      id_cliente_servico: context.service.id,
      cliente: presentationCustomer(context.customer),
    },
  };
}

function presentationOrder(order: ServiceOrderRecord, context: ShapeContext): Json {
  const result: Json = {
    id_ordem_servico: order.id,
    numero_ordem_servico: order.number,
    data_cadastro: brDateTime(order.openedAt),
    tipo: findById(ORDER_TYPES, order.typeId)?.label ?? null,
    data_inicio_programado: brDateTime(order.scheduledStart),
    data_termino_programado: brDateTime(order.scheduledEnd),
    data_inicio_executado: optionalDate(order.executedStart, brDateTime),
    data_termino_executado: optionalDate(order.executedEnd, brDateTime),
    descricao_abertura: order.description,
    descricao_servico: order.description,
    descricao_fechamento: order.closingDescription,
    usuario_abertura: userName(order.openedByUserId),
    usuario_fechamento: userName(order.closedByUserId),
    status: order.status,
    status_fechamento: order.closingStatus,
    cliente: presentationCustomer(context.customer),
  };
  if (!context.service.omittedInPresentation) result.servico = presentationService(context.service);
  return result;
}

/** A row of `cliente/atendimento`, and the `atendimento` that create answers. */
export function presentation(
  record: TicketRecord,
  context: ShapeContext,
  withMessages: boolean,
): Json {
  const result: Json = {
    // Some servers answer this id as a string; clients must coerce.
    id_atendimento: record.id % 10 === 7 ? String(record.id) : record.id,
    protocolo: record.protocol,
    descricao_abertura: record.description,
    descricao_fechamento: record.closingDescription,
    tipo_atendimento: findById(TYPES, record.typeId)?.label ?? null,
    usuario_abertura: userName(record.openedByUserId),
    usuario_responsavel: userName(
      record.primaryResponsibleId ?? record.responsibleUserIds[0] ?? null,
    ),
    usuario_fechamento: userName(record.closedByUserId),
    // Facts 23, 37, 46: a day without a time, and no *_br or *_timestamp beside it.
    data_cadastro: brDate(record.openedAt),
    data_fechamento: optionalDate(record.closedAt, brDate),
    setor_responsavel: null,
    status_fechamento: record.closingStatus,
    motivo_fechamento:
      record.closingReasonId === null
        ? null
        : (findById(CLOSING_REASONS, record.closingReasonId)?.label ?? null),
    status: findById(STATUSES, record.statusId)?.label ?? null,
    // Fact 23 (2025 sample): null whatever the ticket is; this shape has no deleted_at at all.
    rascunho: null,
    cliente: presentationCustomer(context.customer),
  };
  if (!context.service.omittedInPresentation) result.servico = presentationService(context.service);
  result.ordens_servico = record.serviceOrders.map((order) => presentationOrder(order, context));
  if (withMessages) {
    result.atendimento_mensagem = record.messages.map((message) => messageRow(record.id, message));
  }
  return result;
}
