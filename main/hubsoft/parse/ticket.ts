/**
 * Tickets in both of HubSoft's shapes, to `RemoteTicket`:
 * - model rows (list endpoints, PUT answers): ids plus nested `status`, `tipo_atendimento`,
 *   `cliente_servico`, `usuarios_responsaveis`, `atendimento_mensagem`;
 * - presentation rows (create answers, `cliente/atendimento`): labels instead of ids, `dd/mm/yyyy`
 *   dates, `cliente`, `servico` (sometimes missing), `ordens_servico`.
 * One lenient schema reads both, field by field.
 */
import { z } from 'zod';
import type {
  CustomerRef,
  DatePrecision,
  RemoteMessage,
  RemoteTicket,
  ServiceOrder,
  ServiceSummary,
  TicketLabels,
} from '../model';
import { anyDateToIso, epochMsToIso, isDateProblem, precisionOf, type DateResult } from './dates';
import {
  id,
  keepingRaw,
  lenient,
  optionalBody,
  optionalId,
  optionalFlag,
  optionalNumber,
  optionalText,
  protocol,
  requiredText,
  textLabel,
} from './fields';

interface ResolvedDate {
  result: DateResult;
  from: string;
  precision: DatePrecision;
}

/** Reads `<key>_timestamp` first (UTC ms), then `<key>` (naive string or PHP object), then `<key>_br`. */
function resolveDate(row: Record<string, unknown>, key: string): ResolvedDate {
  const stampKey = `${key}_timestamp`;
  const stamp = row[stampKey];
  if (stamp !== null && stamp !== undefined && stamp !== '') {
    return { result: epochMsToIso(stamp), from: stampKey, precision: 'time' };
  }
  const plain = row[key];
  if (plain !== null && plain !== undefined && plain !== '') {
    return { result: anyDateToIso(plain), from: key, precision: precisionOf(plain) };
  }
  const brKey = `${key}_br`;
  return { result: anyDateToIso(row[brKey]), from: brKey, precision: precisionOf(row[brKey]) };
}

/** A date and how precise the server gave it; a problem becomes an issue naming the field. */
function preciseDateField(
  row: Record<string, unknown>,
  key: string,
  ctx: z.RefinementCtx,
  required: boolean,
): { iso: string | null; precision: DatePrecision } {
  const { result, from, precision } = resolveDate(row, key);
  if (isDateProblem(result)) {
    ctx.addIssue({ code: 'custom', message: result.problem, path: [from] });
    return { iso: null, precision };
  }
  if (result === null && required) {
    ctx.addIssue({ code: 'custom', message: 'está ausente', path: [key] });
  }
  return { iso: result, precision };
}

function dateField(
  row: Record<string, unknown>,
  key: string,
  ctx: z.RefinementCtx,
  required: boolean,
): string | null {
  return preciseDateField(row, key, ctx, required).iso;
}

/** A name given as text, or as an object with a name/description. */
const label = lenient<string | null>((value) => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['display', 'descricao', 'nome', 'name']) {
      const text = record[key];
      if (typeof text === 'string' && text.trim() !== '') return text.trim();
    }
    return null;
  }
  return { problem: 'não é texto' };
});

/** `usuarios_responsaveis` entries: a bare id, or a user/pivot object with one. */
const responsibleEntry = lenient<number>((value) => {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const candidate =
      record.id_usuario ??
      record.id ??
      (record.pivot as Record<string, unknown> | undefined)?.id_usuario;
    const parsed = optionalId.safeParse(candidate);
    if (parsed.success && parsed.data !== null) return parsed.data;
    return { problem: 'não tem id_usuario' };
  }
  const parsed = id.safeParse(value);
  return parsed.success ? parsed.data : { problem: 'não é um identificador de usuário' };
});

const statusObject = z.looseObject({
  id_atendimento_status: id,
  prefixo: requiredText,
  descricao: optionalText,
  display: optionalText,
});

const typeObject = z.looseObject({
  id_tipo_atendimento: id,
  descricao: optionalText,
});

const customerObject = z.looseObject({
  id_cliente: optionalId,
  codigo_cliente: optionalId,
  nome_razaosocial: optionalText,
  cpf_cnpj: optionalText,
});

const customerServiceObject = z.looseObject({
  id_cliente_servico: id,
  id_cliente: optionalId,
  display: optionalText,
  endereco_numero_completo: optionalText,
  servico: z.looseObject({ descricao: optionalText }).nullish(),
  cliente: customerObject.nullish(),
});

const presentationService = z.looseObject({
  id_cliente_servico: optionalId,
  id_cliente: optionalId,
  nome: optionalText,
  endereco: optionalText,
});

const messageRow = z
  .looseObject({
    id_atendimento_mensagem: id,
    id_atendimento: optionalId,
    mensagem: optionalBody,
  })
  .transform((row, ctx) => ({ row, createdAt: dateField(row, 'data_cadastro', ctx, true) }));

/**
 * Fields shown or matched but never relied on: a number or a string (fact 45) as text, anything
 * else as absent, so an odd value there never costs the ticket its detail.
 */
const informativeText = lenient<string | null>((value) => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
});

/** An O.S. as the detail lists it and as `abrir_os` answers it (facts 41, 43). */
export const serviceOrderRow = z
  .looseObject({
    id_ordem_servico: id,
    status: label,
    tipo: label.optional(),
    tipo_ordem_servico: label.optional(),
    numero_ordem_servico: informativeText,
    descricao_servico: informativeText,
    descricao_abertura: informativeText,
  })
  .transform((row, ctx): ServiceOrder => ({
    id: row.id_ordem_servico,
    status: row.status,
    type: row.tipo ?? row.tipo_ordem_servico ?? null,
    openedAt: dateField(row, 'data_cadastro', ctx, false),
    closedAt:
      dateField(row, 'data_fechamento', ctx, false) ??
      dateField(row, 'data_termino_executado', ctx, false),
    number: row.numero_ordem_servico ?? null,
    description: row.descricao_servico ?? row.descricao_abertura ?? null,
    scheduledStart: dateField(row, 'data_inicio_programado', ctx, false),
  }));

const ticketRow = z.looseObject({
  id_atendimento: id,
  protocolo: protocol,
  id_atendimento_status: optionalId,
  id_tipo_atendimento: optionalId,
  id_cliente_servico: optionalId,
  id_usuario_responsavel: optionalId,
  id_usuario_abertura: optionalId,
  id_motivo_fechamento_atendimento: optionalId,
  descricao_abertura: optionalBody,
  descricao_fechamento: optionalBody,
  // Fact 23: the create answer sends `rascunho: null`; only a list row's true/false says anything.
  rascunho: optionalFlag,
  tempo_restante: optionalText,
  percentual_tempo_restante: optionalNumber,
  anexos_count: optionalNumber,
  status: z.union([statusObject, textLabel, z.null()]).optional(),
  tipo_atendimento: z.union([typeObject, textLabel, z.null()]).optional(),
  cliente_servico: customerServiceObject.nullish(),
  cliente: customerObject.nullish(),
  servico: presentationService.nullish(),
  usuarios_responsaveis: z.array(responsibleEntry).nullish(),
  atendimento_mensagem: z.array(messageRow).nullish(),
  mensagens: z.array(messageRow).nullish(),
  ordens_servico: z.array(serviceOrderRow).nullish(),
  usuario_abertura: label.optional(),
  usuario_responsavel: label.optional(),
  usuario_fechamento: label.optional(),
  motivo_fechamento: label.optional(),
});

type TicketRow = z.infer<typeof ticketRow>;
type StatusField = TicketRow['status'];
type TypeField = TicketRow['tipo_atendimento'];

function statusOf(field: StatusField): { id: number; prefix: string; label: string } | null {
  if (typeof field !== 'object' || field === null) return null;
  const text = field.descricao ?? field.display ?? field.prefixo ?? '';
  return { id: field.id_atendimento_status, prefix: field.prefixo, label: text };
}

function typeOf(field: TypeField): { id: number; label: string } | null {
  if (typeof field !== 'object' || field === null) return null;
  return { id: field.id_tipo_atendimento, label: field.descricao ?? '' };
}

function serviceOf(row: TicketRow): ServiceSummary | null {
  const model = row.cliente_servico;
  if (model) {
    return {
      id: model.id_cliente_servico,
      customerId: model.id_cliente ?? model.cliente?.id_cliente ?? null,
      planName: model.servico?.descricao ?? model.display,
      address: model.endereco_numero_completo,
    };
  }
  const shown = row.servico;
  if (shown && shown.id_cliente_servico !== null) {
    return {
      id: shown.id_cliente_servico,
      customerId: shown.id_cliente ?? row.cliente?.id_cliente ?? null,
      planName: shown.nome,
      address: shown.endereco,
    };
  }
  return null;
}

function customerOf(row: TicketRow): CustomerRef | null {
  const source = row.cliente_servico?.cliente ?? row.cliente;
  const customerId = source?.id_cliente ?? row.cliente_servico?.id_cliente ?? null;
  // The presentation shape has no id_cliente: no CustomerRef then (labels keep the name).
  if (!source || customerId === null) return null;
  return { id: customerId, code: source.codigo_cliente, name: source.nome_razaosocial ?? '' };
}

function messagesOf(row: TicketRow, ticketId: number): RemoteMessage[] | null {
  const list = row.atendimento_mensagem ?? row.mensagens;
  if (!list) return null;
  return list.map(({ row: message, createdAt }) => ({
    id: message.id_atendimento_mensagem,
    ticketId: message.id_atendimento ?? ticketId,
    text: message.mensagem ?? '',
    createdAt: createdAt ?? '',
  }));
}

function responsibleIdsOf(row: TicketRow): number[] {
  const ids = new Set(row.usuarios_responsaveis ?? []);
  if (row.id_usuario_responsavel !== null) ids.add(row.id_usuario_responsavel);
  return [...ids];
}

function labelsOf(row: TicketRow): TicketLabels {
  const customer = row.cliente_servico?.cliente ?? row.cliente;
  return {
    status: typeof row.status === 'string' ? row.status : (statusOf(row.status)?.label ?? null),
    type:
      typeof row.tipo_atendimento === 'string'
        ? row.tipo_atendimento
        : (typeOf(row.tipo_atendimento)?.label ?? null),
    openedBy: row.usuario_abertura ?? null,
    responsible: row.usuario_responsavel ?? null,
    closedBy: row.usuario_fechamento ?? null,
    closingReason: row.motivo_fechamento ?? null,
    customerCode: customer?.codigo_cliente ?? null,
    customerName: customer?.nome_razaosocial ?? null,
    customerDocument: customer?.cpf_cnpj ?? null,
  };
}

/** A ticket in either shape; issues carry the path of the field that could not be read. */
export const remoteTicket = keepingRaw(ticketRow, (row, raw, ctx): RemoteTicket => {
  const opened = preciseDateField(row, 'data_cadastro', ctx, true);
  const closed = preciseDateField(row, 'data_fechamento', ctx, false);
  const status = statusOf(row.status);
  const type = typeOf(row.tipo_atendimento);
  const service = serviceOf(row);
  // Only list rows carry deleted_at; the detail and create shapes leave it out (fact 34 vs 37).
  const deletedAt = 'deleted_at' in raw ? dateField(row, 'deleted_at', ctx, false) : undefined;
  return {
    id: row.id_atendimento,
    protocol: row.protocolo,
    openedAt: opened.iso ?? '',
    openedAtPrecision: opened.precision,
    closedAt: closed.iso,
    closedAtPrecision: closed.iso === null ? 'time' : closed.precision,
    statusId: row.id_atendimento_status ?? status?.id ?? null,
    status,
    typeId: row.id_tipo_atendimento ?? type?.id ?? null,
    type,
    serviceId: row.id_cliente_servico ?? service?.id ?? null,
    service,
    customer: customerOf(row),
    responsibleUserIds: responsibleIdsOf(row),
    openedByUserId: row.id_usuario_abertura,
    description: row.descricao_abertura,
    closingDescription: row.descricao_fechamento,
    closingReasonId: row.id_motivo_fechamento_atendimento,
    draft: row.rascunho,
    deletedAt,
    sla: { remaining: row.tempo_restante, percentRemaining: row.percentual_tempo_restante },
    attachmentCount: row.anexos_count,
    messages: messagesOf(row, row.id_atendimento),
    serviceOrders: row.ordens_servico ?? null,
    labels: labelsOf(row),
    raw,
  };
});

/** A message on its own (the answer of adicionar_mensagem), for a known ticket. */
export function remoteMessage(ticketId: number) {
  return messageRow.transform(({ row, createdAt }): RemoteMessage => ({
    id: row.id_atendimento_mensagem,
    ticketId: row.id_atendimento ?? ticketId,
    text: row.mensagem ?? '',
    createdAt: createdAt ?? '',
  }));
}
