/**
 * Tickets as the simulator stores them: one plain record per ticket, from which every response
 * shape is rendered and which `GET /__sim/state` returns as is. Times are UTC epoch milliseconds.
 */
import type { OrderStatus } from './catalog';

export interface MessageRecord {
  id: number;
  text: string;
  createdAt: number;
  /**
   * Who wrote it, when the simulator knows: the API user for `adicionar_mensagem`, another agent
   * for `POST /__sim/message`. No read shape shows it (fact 35: messages carry no author).
   */
  userId?: number;
}

/** Only what a test needs to prove an upload arrived intact: the bytes are not kept. */
export interface AttachmentRecord {
  id: number;
  field: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  createdAt: number;
}

export interface ServiceOrderRecord {
  id: number;
  number: string;
  typeId: number;
  status: OrderStatus;
  closingStatus: string | null;
  openedAt: number;
  scheduledStart: number;
  scheduledEnd: number;
  executedStart: number | null;
  executedEnd: number | null;
  description: string;
  closingDescription: string | null;
  openedByUserId: number;
  closedByUserId: number | null;
  technicianIds: number[];
  availabilityIds: number[];
}

export interface TicketRecord {
  id: number;
  protocol: string;
  /** `id_cliente_servico`. */
  serviceId: number;
  customerIndex: number;
  statusId: number;
  typeId: number;
  openedAt: number;
  closedAt: number | null;
  openedByUserId: number;
  closedByUserId: number | null;
  responsibleUserIds: number[];
  /** `id_usuario_responsavel`: null on some tickets even when responsibles exist. */
  primaryResponsibleId: number | null;
  description: string;
  closingDescription: string | null;
  closingStatus: string | null;
  closingReasonId: number | null;
  draft: boolean;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
  originId: number | null;
  availabilityIds: number[];
  parameters: unknown;
  /** Attachments that existed before the simulator started; their bytes were never known. */
  earlierAttachmentCount: number;
  attachments: AttachmentRecord[];
  messages: MessageRecord[];
  serviceOrders: ServiceOrderRecord[];
}
