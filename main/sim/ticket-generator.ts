/**
 * Generated tickets, rebuilt from (seed, index) on demand. Index order is opening order: ticket i
 * opens at a time that grows with i, so a date range is an index range found by binary search, and
 * no two tickets open in the same second (a protocol's digits lead back to its ticket).
 */
import {
  AGENTS,
  API_USER,
  CLOSING_REASONS,
  CONTACT_ORIGINS,
  PERIODS,
  STATUS_CLOSED_ID,
  STATUSES,
  TECHNICIANS,
  TYPES,
  type OrderStatus,
  type TypeDef,
} from './catalog';
import { DAY_MS, protocolStamp } from './clock';
import type { CustomerDirectory } from './customers';
import { Rng } from './random';
import type { ServiceOrderRecord, TicketRecord } from './records';
import { closingText, followUpText, openingText } from './texts';

export const TICKET_ID_BASE = 30000;
const HISTORY_MS = 120 * DAY_MS;
/** At least 10 s between openings keeps consecutive tickets in distinct seconds. */
const MIN_STEP_MS = 10_000;
const MINUTE_MS = 60_000;

const TYPE_WEIGHTS = TYPES.map((type) => [type, 1] as const);

const OPEN_STATUS_IDS = STATUSES.filter((status) => status.id !== STATUS_CLOSED_ID).map(
  (status) => status.id,
);

export interface TicketHeader {
  customerIndex: number;
  /** Which of the customer's services, modulo how many the customer has. */
  serviceDraw: number;
  typeId: number;
  statusId: number;
  closedAt: number | null;
  draft: boolean;
}

function typeOf(id: number): TypeDef {
  const type = TYPES.find((candidate) => candidate.id === id);
  if (!type) throw new Error(`unknown ticket type ${id}`);
  return type;
}

export class TicketGenerator {
  readonly windowStart: number;
  private readonly stepMs: number;

  constructor(
    private readonly seed: number,
    readonly count: number,
    readonly anchorMs: number,
    private readonly customers: CustomerDirectory,
  ) {
    const span = Math.max(HISTORY_MS, count * MIN_STEP_MS);
    this.stepMs = count > 0 ? span / count : span;
    this.windowStart = anchorMs - span;
  }

  /** Opening time of ticket i, whole seconds, strictly increasing with i. */
  openedAt(index: number): number {
    const jitter = Rng.for(this.seed, 'opened', index).next() * 0.9;
    const offsetSeconds = Math.floor(((index + jitter) * this.stepMs) / 1000);
    return Math.floor(this.windowStart / 1000) * 1000 + offsetSeconds * 1000;
  }

  /** The first index opened at or after `ms` (count when none). */
  firstIndexFrom(ms: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.openedAt(mid) < ms) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The fields list filters need, drawn first from the ticket's stream so they stay cheap. */
  header(index: number): TicketHeader {
    return this.drawHeader(Rng.for(this.seed, 'ticket', index), index);
  }

  record(index: number): TicketRecord {
    const rng = Rng.for(this.seed, 'ticket', index);
    const header = this.drawHeader(rng, index);
    const id = TICKET_ID_BASE + index;
    const openedAt = this.openedAt(index);
    const type = typeOf(header.typeId);
    const endOfLife = header.closedAt ?? this.anchorMs;
    const stamp = protocolStamp(openedAt);
    // Older tenants still have 15-digit protocols.
    const protocol = rng.chance(0.12) ? `${stamp}${rng.digits(1)}` : `${stamp}${rng.digits(6)}`;

    const responsibleCount = rng.weighted([
      [0, 15],
      [1, 60],
      [2, 18],
      [3, 7],
    ] as const);
    const responsibleUserIds: number[] = [];
    while (responsibleUserIds.length < responsibleCount) {
      const agent = rng.pick(AGENTS).id;
      if (!responsibleUserIds.includes(agent)) responsibleUserIds.push(agent);
    }
    // Every sixth ticket is the API user's own, so "my tickets" has something in demo mode. By
    // index, not by the random stream, so the rest of each ticket stays as it was.
    if (index % 6 === 0 && responsibleUserIds.length > 0) responsibleUserIds[0] = API_USER.id;
    const primaryResponsibleId =
      responsibleUserIds.length === 0 || (responsibleUserIds.length > 1 && rng.chance(0.4))
        ? null
        : (responsibleUserIds[0] ?? null);

    const messageCount = rng.weighted([
      [0, 20],
      [1, 25],
      [2, 25],
      [3, 15],
      [4, 8],
      [6, 5],
      [9, 2],
    ] as const);
    const messageTimes = Array.from(
      { length: messageCount },
      () => openedAt + Math.floor(rng.next() * (endOfLife - openedAt)),
    ).sort((a, b) => a - b);
    const messages = messageTimes.map((createdAt, k) => ({
      id: id * 10 + k,
      text: followUpText(rng),
      createdAt: Math.floor(createdAt / 1000) * 1000,
    }));

    const description = openingText(rng, type.topic);
    const serviceOrders = this.drawServiceOrders(rng, id, header, type, openedAt, description);
    const openedByUserId = rng.pick(AGENTS).id;
    const closed = header.closedAt !== null;
    const customer = this.customers.get(header.customerIndex);
    const service = customer.services[header.serviceDraw % customer.services.length];
    if (!service) throw new Error(`customer ${customer.id} has no service`);
    return {
      id,
      protocol,
      serviceId: service.id,
      customerIndex: header.customerIndex,
      statusId: header.statusId,
      typeId: header.typeId,
      openedAt,
      closedAt: header.closedAt,
      openedByUserId,
      closedByUserId: closed ? rng.pick(AGENTS).id : null,
      responsibleUserIds,
      primaryResponsibleId,
      description,
      closingDescription: closed ? closingText(rng, type.topic) : null,
      closingStatus: closed ? 'concluido' : null,
      closingReasonId: closed ? rng.pick(CLOSING_REASONS).id : null,
      draft: header.draft,
      contactName: customer.name,
      contactPhone: customer.phone,
      contactEmail: customer.email,
      originId: rng.chance(0.8) ? rng.pick(CONTACT_ORIGINS).id : null,
      availabilityIds: [],
      parameters: null,
      earlierAttachmentCount: rng.chance(0.1) ? rng.int(1, 3) : 0,
      attachments: [],
      messages,
      serviceOrders,
    };
  }

  private drawHeader(rng: Rng, index: number): TicketHeader {
    const customerIndex = rng.int(0, this.customers.count - 1);
    const serviceDraw = rng.int(0, 5);
    const type = rng.weighted(TYPE_WEIGHTS);
    const openedAt = this.openedAt(index);
    const age = (this.anchorMs - openedAt) / (this.anchorMs - this.windowStart);
    let closedAt: number | null = null;
    if (rng.chance(0.3 + 0.65 * age)) {
      const duration = MINUTE_MS * rng.int(10, type.slaHours * 60 * 2);
      const candidate = Math.floor((openedAt + duration) / 1000) * 1000;
      if (candidate < this.anchorMs - MINUTE_MS) closedAt = candidate;
    }
    const statusId = closedAt !== null ? STATUS_CLOSED_ID : rng.pick(OPEN_STATUS_IDS);
    const draft = closedAt === null && rng.chance(0.02);
    return { customerIndex, serviceDraw, typeId: type.id, statusId, closedAt, draft };
  }

  private drawServiceOrders(
    rng: Rng,
    ticketId: number,
    header: TicketHeader,
    type: TypeDef,
    openedAt: number,
    description: string,
  ): ServiceOrderRecord[] {
    if (!type.technical || !rng.chance(0.6)) return [];
    const count = rng.chance(0.1) ? 2 : 1;
    const orders: ServiceOrderRecord[] = [];
    for (let k = 0; k < count; k += 1) {
      const id = ticketId * 2 + k;
      const orderOpenedAt = openedAt + k * 3_600_000 + 5 * MINUTE_MS;
      const scheduledStart = orderOpenedAt + rng.int(2, 48) * 3_600_000;
      const scheduledEnd = scheduledStart + 3_600_000;
      const status: OrderStatus =
        header.closedAt !== null
          ? 'finalizado'
          : rng.weighted([
              ['aguardando_agendamento', 40],
              ['agendado', 30],
              ['em_execucao', 15],
              ['finalizado', 15],
            ] as const);
      const started = status === 'em_execucao' || status === 'finalizado';
      const finished = status === 'finalizado';
      const executedEnd = finished ? Math.min(scheduledEnd, header.closedAt ?? scheduledEnd) : null;
      orders.push({
        id,
        number: String(id - 1000),
        typeId: rng.pick([16, 17, 18, 20]),
        status,
        closingStatus: finished ? 'concluido' : null,
        openedAt: orderOpenedAt,
        scheduledStart,
        scheduledEnd,
        executedStart: started ? scheduledStart : null,
        executedEnd,
        description,
        closingDescription: finished ? 'Serviço executado conforme solicitado.' : null,
        openedByUserId: rng.pick(AGENTS).id,
        closedByUserId: finished ? rng.pick(TECHNICIANS).id : null,
        technicianIds: [rng.pick(TECHNICIANS).id],
        availabilityIds: [rng.pick(PERIODS).id],
      });
    }
    return orders;
  }
}
