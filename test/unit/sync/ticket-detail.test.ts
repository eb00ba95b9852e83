import { describe, expect, it } from 'vitest';
import type { ConfigItem, TicketLabels } from '../../../main/hubsoft/model';
import type { StoredTicket } from '../../../main/store/types';
import { withIdsFromLabels } from '../../../main/sync/ticket-detail';
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
