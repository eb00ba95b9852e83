/**
 * HubSoft's data as the rest of the app sees it: English names, ISO 8601 UTC dates, protocols as
 * strings, ids as numbers. The client's parsers produce these from whatever shape the server sent
 * (model rows, presentation rows); `raw` keeps the server's object so no field is lost.
 */

/** Whether the server gave a date with its time, or only the day. */
export type DatePrecision = 'time' | 'day';

export interface TicketStatus {
  id: number;
  /** Tenant-defined, e.g. "aguardando_analise"; not an enum. */
  prefix: string;
  label: string;
}

export interface TicketType {
  id: number;
  label: string;
}

export interface CustomerRef {
  id: number;
  code: number | null;
  name: string;
}

export interface ServiceSummary {
  /** `id_cliente_servico`: what a new ticket needs. */
  id: number;
  customerId: number | null;
  planName: string | null;
  address: string | null;
}

export interface RemoteMessage {
  id: number;
  ticketId: number;
  text: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

export interface ServiceOrder {
  id: number;
  status: string | null;
  type: string | null;
  openedAt: string | null;
  closedAt: string | null;
  /** `numero_ordem_servico`: a number or a zero-padded string (fact 45), kept as text. */
  number?: string | null;
  /** `descricao_servico`, else `descricao_abertura`. */
  description?: string | null;
  /** `data_inicio_programado`, ISO 8601 UTC. */
  scheduledStart?: string | null;
}

export interface Sla {
  /** As HubSoft formats it, e.g. "-1023h 46min". */
  remaining: string | null;
  percentRemaining: number | null;
}

export interface RemoteTicket {
  id: number;
  protocol: string;
  openedAt: string;
  /** 'day' when the shape gave only a date (detail, create: fact 46); then openedAt is its 00:00. */
  openedAtPrecision: DatePrecision;
  closedAt: string | null;
  /** As openedAtPrecision; 'time' when closedAt is null. */
  closedAtPrecision: DatePrecision;
  statusId: number | null;
  status: TicketStatus | null;
  typeId: number | null;
  type: TicketType | null;
  serviceId: number | null;
  service: ServiceSummary | null;
  customer: CustomerRef | null;
  responsibleUserIds: number[];
  openedByUserId: number | null;
  /** The opening text; list endpoints never carry it, so null there. */
  description: string | null;
  closingDescription: string | null;
  closingReasonId: number | null;
  /** `rascunho`: a server-side draft row; null when the shape does not say (detail, create). */
  draft: boolean | null;
  /** `deleted_at`: undefined when the shape does not carry it (detail, create), null if not deleted. */
  deletedAt: string | null | undefined;
  sla: Sla;
  attachmentCount: number | null;
  /** null when the response did not include them (list endpoints without relations). */
  messages: RemoteMessage[] | null;
  serviceOrders: ServiceOrder[] | null;
  /** Words the server sent for things the model shape gives as ids (see TicketLabels). */
  labels?: TicketLabels;
  raw: Record<string, unknown>;
}

/**
 * The presentation shape (detail, create) names things instead of giving ids: status "Pendente",
 * type "SAC", users by name, the customer without `id_cliente`. Kept here so the UI can show them;
 * for model rows the same fields are filled from the nested objects when present.
 */
export interface TicketLabels {
  status: string | null;
  type: string | null;
  openedBy: string | null;
  responsible: string | null;
  closedBy: string | null;
  closingReason: string | null;
  customerCode: number | null;
  customerName: string | null;
  /** CPF or CNPJ as the server wrote it. */
  customerDocument: string | null;
}

/** One page of tickets from either paginator, numbered from 0 whatever the server's numbering. */
export interface TicketPage {
  /** The rows that could be read; the others are counted in parse/problems.ts. */
  tickets: RemoteTicket[];
  /** 0-based. */
  page: number;
  /** 0-based index of the last page; -1 when there are no tickets at all. */
  lastPage: number;
  total: number;
}

export interface CustomerService {
  id: number;
  planName: string | null;
  status: string | null;
  address: string | null;
}

export interface Customer {
  id: number;
  code: number | null;
  name: string;
  /** CPF or CNPJ, digits only. */
  document: string | null;
  phones: string[];
  email: string | null;
  services: CustomerService[];
  raw: Record<string, unknown>;
}

export interface ConfigItem {
  id: number;
  label: string;
  /** Status prefixes, type descriptions, etc.: whatever the list carries beyond id and label. */
  raw: Record<string, unknown>;
}

export type ConfigListName =
  | 'ticketTypes'
  | 'ticketStatuses'
  | 'closingReasons'
  | 'contactOrigins'
  | 'availabilityPeriods'
  | 'serviceOrderTypes'
  | 'technicians';
