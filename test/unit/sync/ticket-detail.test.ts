import { describe, expect, it } from 'vitest';
import type { ConfigItem, TicketLabels } from '../../../main/hubsoft/model';
import type { StoredTicket } from '../../../main/store/types';
import { withCachedFallbacks, withIdsFromLabels } from '../../../main/sync/ticket-detail';
import { remoteTicket } from '../store/fixtures';

const statuses: ConfigItem[] = [
  { id: 25, label: 'Em Análise', raw: { prefixo: 'em_analise' } },
  { id: 26, label: 'Aguardando Cliente', raw: { prefixo: 'aguardando_cliente' } },
];
const types: ConfigItem[] = [{ id: 128, label: 'TÉCNICO - SEM CONEXÃO', raw: {} }];

const labels = (status: string | null, type: string | null): TicketLabels => ({
  status,
  type,
  openedBy: null,
  responsible: null,
  closedBy: null,
  closingReason: null,
  customerCode: null,
  customerName: null,
  customerDocument: null,
});

/** A detail as HubSoft's presentation shape gives it: names, no ids. */
const detail = (status: string | null, type: string | null) =>
  remoteTicket(7, {
    status: null,
    statusId: null,
    type: null,
    typeId: null,
    labels: labels(status, type),
  });

describe('ticket detail ids from labels', () => {
  it('finds the status and type a detail names, whatever the spacing and case', () => {
    const filled = withIdsFromLabels(
      detail(' em análise ', 'técnico - sem conexão'),
      { statuses, types },
      null,
    );
    expect(filled.status).toEqual({ id: 25, prefix: 'em_analise', label: 'Em Análise' });
    expect(filled.statusId).toBe(25);
    expect(filled.type).toEqual({ id: 128, label: 'TÉCNICO - SEM CONEXÃO' });
  });

  it('keeps the cached status when no list knows the name', () => {
    const cached: Pick<StoredTicket, 'status' | 'type'> = {
      status: { id: 26, prefix: 'aguardando_cliente', label: 'Aguardando Cliente' },
      type: null,
    };
    const filled = withIdsFromLabels(detail('Status Novo', null), { statuses, types }, cached);
    expect(filled.status?.id).toBe(26);
    expect(filled.type).toBeNull();
  });

  it('leaves a ticket that already carries ids as it is', () => {
    const model = remoteTicket(8);
    expect(withIdsFromLabels(model, { statuses, types }, null)).toEqual(model);
  });
});

describe('ticket detail fields the presentation shape lacks', () => {
  const cached: Pick<
    StoredTicket,
    'customer' | 'serviceId' | 'sla' | 'attachmentCount' | 'responsibleUserIds'
  > = {
    responsibleUserIds: [4903, 12],
    customer: {
      id: 24009,
      code: 1009,
      name: 'PET SHOP CARVALHO LTDA ME',
      document: '12345678000190',
    },
    serviceId: 17027,
    sla: { remaining: '-5h 19min', percentRemaining: 0 },
    attachmentCount: 2,
  };

  it('keeps the cached customer, service, SLA and attachment count instead of blanking them', () => {
    const presentation = remoteTicket(7, {
      customer: null,
      serviceId: null,
      sla: { remaining: null, percentRemaining: null },
      attachmentCount: null,
    });
    const merged = withCachedFallbacks(presentation, cached);
    expect(merged.customer).toEqual({ id: 24009, code: 1009, name: 'PET SHOP CARVALHO LTDA ME' });
    expect(merged.serviceId).toBe(17027);
    expect(merged.sla).toEqual({ remaining: '-5h 19min', percentRemaining: 0 });
    expect(merged.attachmentCount).toBe(2);
  });

  it('keeps the responsible ids when the detail only names the responsible users', () => {
    const named = remoteTicket(7, {
      responsibleUserIds: [],
      labels: { ...labels(null, null), responsible: 'Agente Demo, Marina Souza' },
    });
    expect(withCachedFallbacks(named, cached).responsibleUserIds).toEqual([4903, 12]);
    const nobody = remoteTicket(7, { responsibleUserIds: [], labels: labels(null, null) });
    expect(withCachedFallbacks(nobody, cached).responsibleUserIds).toEqual([]);
  });

  it('prefers what the server sent when it sent it', () => {
    const fresh = remoteTicket(7, {
      sla: { remaining: '3h 0min', percentRemaining: 40 },
      attachmentCount: 3,
    });
    const merged = withCachedFallbacks(fresh, cached);
    expect(merged.sla).toEqual({ remaining: '3h 0min', percentRemaining: 40 });
    expect(merged.attachmentCount).toBe(3);
    expect(merged.customer).toEqual(fresh.customer);
  });
});
