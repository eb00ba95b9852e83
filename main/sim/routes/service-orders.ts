/**
 * `POST /ordem_servico/abrir_os?id_atendimento=ID` (fact 41): opens a service order from a
 * ticket. The ticket's id comes in the query string; the body carries the order, with its
 * technicians and availability as indexed objects (`{"0": {"id": 5249}}`, `{"0": "manha"}`),
 * the form the facts document, validated strictly so a client sending another form breaks a
 * test. Refusals answer HTTP 200 `status:error` (fact 12). The order then shows in the ticket's
 * `ordens_servico` (fact 37).
 */
import { z } from 'zod';
import {
  API_USER,
  ORDER_STATUSES,
  ORDER_TYPES,
  PERIODS,
  TECHNICIANS,
  TYPES,
  findById,
} from '../catalog';
import { hubsoftError, json, readBody, type Reply } from '../http-io';
import type { ServiceOrderRecord } from '../records';
import type { Router, SimRequest } from '../router';
import { openedOrder } from '../shapes';
import type { SimState } from '../state';
import { intField, invalidReply, textField } from '../validation';
import { pathId, ticketNotFound } from './ticket-common';

/** Fact 41: a PHP "array" as JSON, keyed "0", "1", ... in order. */
function indexedObject<T extends z.ZodType>(item: T) {
  return z
    .record(z.string().regex(/^\d+$/), item)
    .refine((value) => Object.keys(value).every((key, index) => key === String(index)), {
      message: 'as chaves devem ser 0, 1, 2...',
    })
    .transform((value) => Object.values(value) as z.infer<T>[]);
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/);

const openSchema = z.object({
  id_tipo_ordem_servico: intField,
  id_agenda_ordem_servico: intField.optional(),
  data_inicio_programado: day,
  hora_inicio_programado: time,
  data_termino_programado: day,
  hora_termino_programado: time,
  status: z.enum(ORDER_STATUSES).optional(),
  prioridade: z.unknown().optional(),
  descricao_servico: textField,
  tecnicos: indexedObject(z.object({ id: intField })),
  disponibilidade: indexedObject(z.string()).optional(),
});

/** A naive local date and time (UTC-03:00, fact 47) as epoch ms; NaN when it is no such time. */
function localInstant(date: string, time: string): number {
  return Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}-03:00`);
}

async function openServiceOrder(state: SimState, request: SimRequest): Promise<Reply> {
  const body = await readBody(request.raw);
  const ticketId = pathId(request.query.get('id_atendimento') ?? undefined);
  if (ticketId === null) {
    return hubsoftError('Favor preencher os campos obrigatórios de acordo com as especificações', [
      'O campo id atendimento é obrigatório.',
    ]);
  }
  const existing = state.dataset.get(ticketId);
  if (!existing) return ticketNotFound(String(ticketId));
  const parsed = openSchema.safeParse(body);
  if (!parsed.success) return invalidReply(parsed.error);
  const input = parsed.data;
  if (existing.closedAt !== null) {
    return hubsoftError('Não é possível abrir uma ordem de serviço em um atendimento fechado.');
  }
  // Fact 41: the ticket's type must allow an O.S.; here, the technical types do.
  if (!findById(TYPES, existing.typeId)?.technical) {
    return hubsoftError('O tipo de atendimento não permite a abertura de ordem de serviço.');
  }
  const start = localInstant(input.data_inicio_programado, input.hora_inicio_programado);
  const end = localInstant(input.data_termino_programado, input.hora_termino_programado);
  const periodIds = (input.disponibilidade ?? []).map(
    (prefix) => PERIODS.find((period) => period.prefix === prefix)?.id,
  );
  const errors = [
    ...(findById(ORDER_TYPES, input.id_tipo_ordem_servico)
      ? []
      : [`O tipo de ordem de serviço ${input.id_tipo_ordem_servico} não existe.`]),
    ...input.tecnicos
      .filter((technician) => !findById(TECHNICIANS, technician.id))
      .map((technician) => `O técnico ${technician.id} não existe.`),
    ...(input.tecnicos.length === 0 ? ['Informe ao menos um técnico.'] : []),
    ...(input.disponibilidade ?? [])
      .filter((_, index) => periodIds[index] === undefined)
      .map((prefix) => `A disponibilidade ${prefix} não existe.`),
    ...(Number.isNaN(start) || Number.isNaN(end) ? ['A data programada é inválida.'] : []),
    ...(end <= start ? ['O término programado deve ser depois do início.'] : []),
  ];
  if (errors.length > 0) return hubsoftError(errors[0] ?? 'Dados inválidos.', errors);

  const record = state.dataset.forUpdate(ticketId);
  if (!record) return ticketNotFound(String(ticketId));
  const orderId = state.dataset.takeOrderId();
  const order: ServiceOrderRecord = {
    id: orderId,
    number: String(orderId - 1000),
    typeId: input.id_tipo_ordem_servico,
    status: input.status ?? 'aguardando_agendamento',
    closingStatus: null,
    openedAt: Math.floor(request.now / 1000) * 1000,
    scheduledStart: start,
    scheduledEnd: end,
    executedStart: null,
    executedEnd: null,
    description: input.descricao_servico,
    closingDescription: null,
    openedByUserId: API_USER.id,
    closedByUserId: null,
    technicianIds: input.tecnicos.map((technician) => technician.id),
    availabilityIds: periodIds.filter((id): id is number => id !== undefined),
  };
  record.serviceOrders.push(order);
  state.dataset.saved(record);
  return json({
    status: 'success',
    msg: 'Ordem de Serviço adicionada com sucesso',
    ordem_servico: openedOrder(record, order, state.shapeContext(record, request.now)),
  });
}

export function addServiceOrderRoutes(router: Router, state: SimState): void {
  router.add('POST', '/api/v1/integracao/ordem_servico/abrir_os', (request) =>
    openServiceOrder(state, request),
  );
}
