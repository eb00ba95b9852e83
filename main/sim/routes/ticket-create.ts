/**
 * `POST /atendimento`: opens a ticket with the document's defaults (type SAC; status pendente with a
 * service order, else aguardando_analise; order type ABERTURA VIA API, status aguardando_agendamento,
 * technician SAC) and answers it in the presentation shape.
 */
import { z } from 'zod';
import {
  AGENTS,
  API_USER,
  CONTACT_ORIGINS,
  ORDER_STATUSES,
  ORDER_TYPE_DEFAULT_ID,
  ORDER_TYPES,
  PERIODS,
  STATUS_DEFAULT_ID,
  STATUS_WITH_ORDER_ID,
  STATUSES,
  TECHNICIAN_DEFAULT_ID,
  TECHNICIANS,
  TYPE_DEFAULT_ID,
  TYPES,
  findById,
} from '../catalog';
import { protocolStamp } from '../clock';
import { hubsoftError, json, readBody, type Reply } from '../http-io';
import { Rng } from '../random';
import type { ServiceOrderRecord, TicketRecord } from '../records';
import type { Router, SimRequest } from '../router';
import { presentation } from '../shapes';
import type { SimState } from '../state';
import { applyClose, closeRefusal } from '../ticket-closing';
import { boolField, idListField, intField, invalidReply, textField } from '../validation';
import { closingField } from './ticket-common';

const orderObject = z.object({
  id_tipo_ordem_servico: intField.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  ids_tecnicos: idListField.optional(),
  id_disponibilidade: idListField.optional(),
});

const createSchema = z.object({
  id_cliente_servico: intField,
  descricao: textField,
  nome: textField,
  // Fact 21: digits only, `DDNNNNNNNNN`; anything else is a validation error (fact 12).
  telefone: z.string().regex(/^\d{10,11}$/),
  id_tipo_atendimento: intField.optional(),
  id_atendimento_status: intField.optional(),
  id_usuario_responsavel: idListField.optional(),
  email: z.email().nullable().optional(),
  id_origem_contato: intField.nullable().optional(),
  id_disponibilidade: idListField.optional(),
  abrir_os: boolField.optional(),
  fechar_atendimento: boolField.optional(),
  parametros: z.unknown().optional(),
  parametros_ordem_servico: z.union([orderObject, z.array(orderObject)]).optional(),
  parametros_fechamento: closingField.optional(),
});

function unknownIds(ids: readonly number[], known: readonly { id: number }[]): number[] {
  return ids.filter((id) => !findById(known, id));
}

function newProtocol(state: SimState, id: number, now: number): string {
  const rng = Rng.for(state.dataset.seed, 'created-protocol', id);
  for (;;) {
    const protocol = `${protocolStamp(now)}${rng.digits(6)}`;
    if (!state.dataset.protocolTaken(protocol)) return protocol;
  }
}

async function createTicket(state: SimState, request: SimRequest): Promise<Reply> {
  const parsed = createSchema.safeParse(await readBody(request.raw));
  if (!parsed.success) return invalidReply(parsed.error);
  const input = parsed.data;
  const dataset = state.dataset;
  const owner = dataset.customers.service(input.id_cliente_servico);
  if (!owner) {
    return hubsoftError('Serviço do cliente não encontrado.', [
      `O id_cliente_servico ${input.id_cliente_servico} não existe.`,
    ]);
  }
  const typeId = input.id_tipo_atendimento ?? TYPE_DEFAULT_ID;
  const statusId =
    input.id_atendimento_status ?? (input.abrir_os ? STATUS_WITH_ORDER_ID : STATUS_DEFAULT_ID);
  const responsibles = input.id_usuario_responsavel ?? [API_USER.id];
  const orderInputs = input.abrir_os
    ? [input.parametros_ordem_servico ?? {}].flat().slice(0, 5)
    : [];
  const errors = [
    ...(findById(TYPES, typeId) ? [] : [`O tipo de atendimento ${typeId} não existe.`]),
    ...(findById(STATUSES, statusId) ? [] : [`O status de atendimento ${statusId} não existe.`]),
    ...unknownIds(responsibles, [...AGENTS, API_USER]).map((id) => `O usuário ${id} não existe.`),
    ...(input.id_origem_contato != null && !findById(CONTACT_ORIGINS, input.id_origem_contato)
      ? [`A origem de contato ${input.id_origem_contato} não existe.`]
      : []),
    ...unknownIds(input.id_disponibilidade ?? [], PERIODS).map(
      (id) => `A disponibilidade ${id} não existe.`,
    ),
    ...orderInputs.flatMap((order) => [
      ...unknownIds([order.id_tipo_ordem_servico ?? ORDER_TYPE_DEFAULT_ID], ORDER_TYPES).map(
        (id) => `O tipo de ordem de serviço ${id} não existe.`,
      ),
      ...unknownIds(order.ids_tecnicos ?? [], TECHNICIANS).map(
        (id) => `O técnico ${id} não existe.`,
      ),
    ]),
  ];
  if (errors.length > 0) return hubsoftError(errors[0] ?? 'Dados inválidos.', errors);

  const now = Math.floor(request.now / 1000) * 1000;
  const id = dataset.nextTicketId();
  const description = `${input.descricao} | ATENDIMENTO ABERTO VIA API`;
  const serviceOrders: ServiceOrderRecord[] = orderInputs.map((order) => {
    const orderId = dataset.takeOrderId();
    return {
      id: orderId,
      number: String(orderId - 1000),
      typeId: order.id_tipo_ordem_servico ?? ORDER_TYPE_DEFAULT_ID,
      status: order.status ?? 'aguardando_agendamento',
      closingStatus: null,
      openedAt: now,
      scheduledStart: now + 3_600_000,
      scheduledEnd: now + 7_200_000,
      executedStart: order.status === 'em_execucao' ? now : null,
      executedEnd: null,
      description,
      closingDescription: null,
      openedByUserId: API_USER.id,
      closedByUserId: null,
      technicianIds: order.ids_tecnicos ?? [TECHNICIAN_DEFAULT_ID],
      availabilityIds: order.id_disponibilidade ?? input.id_disponibilidade ?? [],
    };
  });
  const record: TicketRecord = {
    id,
    protocol: newProtocol(state, id, now),
    serviceId: owner.service.id,
    customerIndex: owner.customer.index,
    statusId,
    typeId,
    openedAt: now,
    closedAt: null,
    openedByUserId: API_USER.id,
    closedByUserId: null,
    responsibleUserIds: responsibles,
    primaryResponsibleId: responsibles.length === 1 ? (responsibles[0] ?? null) : null,
    description,
    closingDescription: null,
    closingStatus: null,
    closingReasonId: null,
    draft: false,
    contactName: input.nome,
    contactPhone: input.telefone,
    contactEmail: input.email ?? null,
    originId: input.id_origem_contato ?? null,
    availabilityIds: input.id_disponibilidade ?? [],
    parameters: input.parametros ?? null,
    earlierAttachmentCount: 0,
    attachments: [],
    messages: [],
    serviceOrders,
  };
  if (input.fechar_atendimento) {
    const closing = input.parametros_fechamento ?? {};
    const refusal = closeRefusal(record, closing);
    if (refusal) return refusal;
    applyClose(record, closing, now);
  }
  dataset.add(record);
  const orderNote =
    serviceOrders.length > 0
      ? ' Foi aberto também uma ordem de serviço e encaminhada ao sertor responsável'
      : '';
  return json({
    status: 'success',
    msg: `Atendimento aberto com sucesso. Anote o protocolo: ${record.protocol}.${orderNote}`,
    atendimento: presentation(record, state.shapeContext(record, request.now), false),
  });
}

export function addTicketCreateRoute(router: Router, state: SimState): void {
  router.add('POST', '/api/v1/integracao/atendimento', (request) => createTicket(state, request));
}
