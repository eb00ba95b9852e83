/**
 * `PUT /atendimento/:id` (edit, or close with the document's rules; answers the raw model) and
 * `adicionar_mensagem` (answers `data_cadastro` as a PHP date object; refused on a closed ticket).
 */
import { z } from 'zod';
import { API_USER, STATUSES, TYPES, findById } from '../catalog';
import { brDateTimeShort, phpDateObject } from '../clock';
import { hubsoftError, json, readBody, type Reply } from '../http-io';
import type { Router, SimRequest } from '../router';
import { rawModel } from '../shapes';
import type { SimState } from '../state';
import { applyClose, closeRefusal } from '../ticket-closing';
import { boolField, intField, invalidReply, textField } from '../validation';
import { closingField, pathId, ticketNotFound } from './ticket-common';

const editSchema = z.object({
  fechar_atendimento: boolField,
  descricao: textField.optional(),
  parametros: z.unknown().optional(),
  parametros_fechamento: closingField.optional(),
  id_atendimento_status: intField.optional(),
  id_tipo_atendimento: intField.optional(),
});

const messageSchema = z.object({ mensagem: textField });

async function editTicket(state: SimState, request: SimRequest): Promise<Reply> {
  const id = pathId(request.params.id_atendimento);
  const body = await readBody(request.raw);
  const existing = id === null ? null : state.dataset.get(id);
  if (id === null || !existing) return ticketNotFound(request.params.id_atendimento ?? '');
  const parsed = editSchema.safeParse(body);
  if (!parsed.success) return invalidReply(parsed.error);
  const input = parsed.data;
  if (input.fechar_atendimento && input.id_atendimento_status !== undefined) {
    return hubsoftError('Não é possível alterar o status e fechar o atendimento ao mesmo tempo.');
  }
  if (input.fechar_atendimento && input.id_tipo_atendimento !== undefined) {
    return hubsoftError('Não é possível alterar o tipo e fechar o atendimento ao mesmo tempo.');
  }
  if (existing.closedAt !== null) {
    return hubsoftError('Este atendimento já está fechado e não pode ser alterado.');
  }
  if (
    input.id_atendimento_status !== undefined &&
    !findById(STATUSES, input.id_atendimento_status)
  ) {
    return hubsoftError(`O status de atendimento ${input.id_atendimento_status} não existe.`);
  }
  if (input.id_tipo_atendimento !== undefined && !findById(TYPES, input.id_tipo_atendimento)) {
    return hubsoftError(`O tipo de atendimento ${input.id_tipo_atendimento} não existe.`);
  }
  const sentClosing = input.parametros_fechamento ?? {};
  const closing = state.dice.settings.ignoreClosingReason
    ? { ...sentClosing, reasonId: undefined }
    : sentClosing;
  if (input.fechar_atendimento) {
    const refusal = closeRefusal(existing, closing);
    if (refusal) return refusal;
  }
  const record = state.dataset.forUpdate(id);
  if (!record) return ticketNotFound(String(id));
  if (input.descricao !== undefined) record.description = input.descricao;
  if (input.parametros !== undefined) record.parameters = input.parametros;
  if (input.id_atendimento_status !== undefined) record.statusId = input.id_atendimento_status;
  if (input.id_tipo_atendimento !== undefined) record.typeId = input.id_tipo_atendimento;
  if (input.fechar_atendimento) applyClose(record, closing, Math.floor(request.now / 1000) * 1000);
  state.dataset.saved(record);
  return json({
    status: 'success',
    msg: 'Atendimento atualizado com sucesso',
    atendimento: rawModel(record, request.now),
  });
}

async function addMessage(state: SimState, request: SimRequest): Promise<Reply> {
  const id = pathId(request.params.id_atendimento);
  const body = await readBody(request.raw);
  const existing = id === null ? null : state.dataset.get(id);
  if (id === null || !existing) return ticketNotFound(request.params.id_atendimento ?? '');
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) return invalidReply(parsed.error);
  if (existing.closedAt !== null) {
    return hubsoftError('Não é possível adicionar mensagem em um atendimento fechado.');
  }
  const record = state.dataset.forUpdate(id);
  if (!record) return ticketNotFound(String(id));
  const message = {
    id: state.dataset.takeMessageId(),
    text: parsed.data.mensagem,
    createdAt: request.now,
    userId: API_USER.id,
  };
  record.messages.push(message);
  state.dataset.saved(record);
  // Fact 29, key for key: the date as PHP's DateTime object, the author as the API user, the
  // ticket as its raw model.
  return json({
    status: 'success',
    msg: 'Mensagem Adicionada com sucesso',
    atendimento_mensagem: {
      id_atendimento: record.id,
      id_usuario: API_USER.id,
      mensagem: message.text,
      data_cadastro: phpDateObject(message.createdAt),
      ip_cadastro: '127.0.0.1',
      ativo: true,
      id_atendimento_mensagem: message.id,
      data_cadastro_br: brDateTimeShort(message.createdAt),
      data_cadastro_timestamp: message.createdAt,
      atendimento: rawModel(record, request.now),
    },
  });
}

export function addTicketUpdateRoutes(router: Router, state: SimState): void {
  router
    .add('PUT', '/api/v1/integracao/atendimento/:id_atendimento', (request) =>
      editTicket(state, request),
    )
    .add('POST', '/api/v1/integracao/atendimento/adicionar_mensagem/:id_atendimento', (request) =>
      addMessage(state, request),
    );
}
