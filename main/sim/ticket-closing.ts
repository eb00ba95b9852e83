/**
 * Closing a ticket, the document's rule 3: every service order closes with it. An order the server
 * cannot close (one in execution) makes the whole close fail with a non-2xx, as real servers do.
 */
import {
  API_USER,
  CLOSING_REASON_DEFAULT_ID,
  CLOSING_REASONS,
  STATUS_CLOSED_ID,
  findById,
} from './catalog';
import { hubsoftError, json, type Reply } from './http-io';
import type { TicketRecord } from './records';

export interface ClosingParameters {
  reasonId?: number;
  description?: string;
  closingStatus?: string;
}

/** The document: without closing parameters, this reason and this description. */
const DEFAULT_DESCRIPTION = 'Atendimento finalizado via API';

/** Checks the close can happen; a Reply when it cannot, null when it can. */
export function closeRefusal(record: TicketRecord, params: ClosingParameters): Reply | null {
  if (record.closedAt !== null) {
    return hubsoftError('Este atendimento já está fechado.');
  }
  const reasonId = params.reasonId ?? CLOSING_REASON_DEFAULT_ID;
  if (!findById(CLOSING_REASONS, reasonId)) {
    return hubsoftError('Motivo de fechamento não encontrado.', [
      `O motivo de fechamento ${reasonId} não existe.`,
    ]);
  }
  const running = record.serviceOrders.find((order) => order.status === 'em_execucao');
  if (running) {
    const msg = `Não foi possível fechar o atendimento: a ordem de serviço ${running.number} está em execução e não pode ser fechada.`;
    return json({ status: 'error', msg, errors: [msg] }, 422);
  }
  return null;
}

/** Applies a close that `closeRefusal` allowed. */
export function applyClose(record: TicketRecord, params: ClosingParameters, now: number): void {
  const description = params.description ?? DEFAULT_DESCRIPTION;
  record.closedAt = now;
  record.closedByUserId = API_USER.id;
  record.statusId = STATUS_CLOSED_ID;
  record.closingReasonId = params.reasonId ?? CLOSING_REASON_DEFAULT_ID;
  record.closingDescription = description;
  record.closingStatus = params.closingStatus ?? 'concluido';
  record.draft = false;
  for (const order of record.serviceOrders) {
    if (order.status === 'finalizado') continue;
    order.status = 'finalizado';
    order.closingStatus = 'concluido';
    order.executedStart ??= now;
    order.executedEnd = now;
    order.closingDescription = description;
    order.closedByUserId = API_USER.id;
  }
}
