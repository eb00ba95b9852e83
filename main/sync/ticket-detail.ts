/**
 * Writes a ticket's full detail into the cache. HubSoft answers the detail in its presentation
 * shape, which names the status and type ("Em Análise") instead of giving their ids; the cached
 * configuration lists turn those names back into ids, so a detail fetch never blanks them.
 */
import type { ConfigItem, RemoteTicket, TicketStatus, TicketType } from '../hubsoft/model';
import type { Store } from '../store/client';
import type { StoredTicket } from '../store/types';

const normalized = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('pt-BR');

function byLabel(items: ConfigItem[], label: string | null | undefined): ConfigItem | null {
  if (!label) return null;
  const wanted = normalized(label);
  return items.find((item) => normalized(item.label) === wanted) ?? null;
}

function statusFrom(item: ConfigItem): TicketStatus {
  const prefix = item.raw.prefixo;
  return { id: item.id, prefix: typeof prefix === 'string' ? prefix : '', label: item.label };
}

/**
 * The detail with its status and type ids filled in from their names; a name no list knows keeps
 * what the cache had, since a stale status is less wrong than none.
 */
export function withIdsFromLabels(
  remote: RemoteTicket,
  lists: { statuses: ConfigItem[]; types: ConfigItem[] },
  cached: Pick<StoredTicket, 'status' | 'type'> | null,
): RemoteTicket {
  let status = remote.status;
  if (status === null && remote.statusId === null) {
    const item = byLabel(lists.statuses, remote.labels?.status);
    status = item ? statusFrom(item) : (cached?.status ?? null);
  }
  let type: TicketType | null = remote.type;
  if (type === null && remote.typeId === null) {
    const item = byLabel(lists.types, remote.labels?.type);
    type = item ? { id: item.id, label: item.label } : (cached?.type ?? null);
  }
  return {
    ...remote,
    status,
    statusId: status?.id ?? remote.statusId,
    type,
    typeId: type?.id ?? remote.typeId,
  };
}

/**
 * The presentation shape also lacks the customer's id, the SLA, the responsible users' ids (it
 * names them) and sometimes the service: what it does not carry keeps its cached value instead of
 * blanking the inbox row or dropping the ticket from "my tickets".
 */
export function withCachedFallbacks(
  remote: RemoteTicket,
  cached: Pick<
    StoredTicket,
    'customer' | 'serviceId' | 'sla' | 'attachmentCount' | 'responsibleUserIds'
  > | null,
): RemoteTicket {
  if (!cached) return remote;
  const responsibleNamedOnly =
    remote.responsibleUserIds.length === 0 && Boolean(remote.labels?.responsible?.trim());
  const slaMissing = remote.sla.remaining === null && remote.sla.percentRemaining === null;
  return {
    ...remote,
    customer:
      remote.customer ??
      (cached.customer
        ? { id: cached.customer.id, code: cached.customer.code, name: cached.customer.name }
        : null),
    serviceId: remote.serviceId ?? cached.serviceId,
    sla: slaMissing ? cached.sla : remote.sla,
    attachmentCount: remote.attachmentCount ?? cached.attachmentCount,
    responsibleUserIds: responsibleNamedOnly
      ? cached.responsibleUserIds
      : remote.responsibleUserIds,
  };
}

export async function storeTicketDetail(store: Store, remote: RemoteTicket): Promise<StoredTicket> {
  const [statuses, types, key] = await Promise.all([
    store.getConfigList('ticketStatuses'),
    store.getConfigList('ticketTypes'),
    store.findTicketKey(remote.id),
  ]);
  const cached = key === null ? null : await store.getTicket(key);
  const lists = { statuses: statuses?.items ?? [], types: types?.items ?? [] };
  return store.upsertTicketDetail(
    withCachedFallbacks(withIdsFromLabels(remote, lists, cached), cached),
  );
}
