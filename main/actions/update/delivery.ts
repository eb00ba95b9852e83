/**
 * Sending an update (fact 25, `fechar_atendimento: false`), and reading it back: whether the
 * detail shows the new values. The detail names the status and type instead of giving their ids
 * (fact 37), so an id is compared through its label in the configuration list.
 */
import type { ConfigListName } from '../../hubsoft/model';
import type { DeliverySide } from '../delivery-side';
import {
  actionTicketDetail,
  isVerdict,
  missing,
  normalized,
  unproven,
  type ReadBackDeps,
} from '../read-back';
import { requireServerTicket } from '../server-target';

/** Accents count; spacing and letter case are the server's doing. */
function sameLabel(a: string, b: string): boolean {
  return normalized(a).toLowerCase() === normalized(b).toLowerCase();
}

/**
 * What the detail must show for the asked id, through the cached configuration list. Null when
 * the label cannot tell (the id is not in the list, or another id shares its label).
 */
async function expectedLabel(
  list: ConfigListName,
  wantedId: number,
  deps: ReadBackDeps,
): Promise<string | null> {
  const cached = await deps.store.getConfigList(list);
  const items = cached?.items.some((item) => item.id === wantedId)
    ? cached.items
    : await deps.client.getConfigList(list, { signal: deps.signal });
  const wanted = items.find((item) => item.id === wantedId);
  if (!wanted) return null;
  const shared = items.some((item) => item.id !== wantedId && sameLabel(item.label, wanted.label));
  return shared ? null : wanted.label;
}

/** Whether one field shows the asked value: by id when the answer has ids, else by label. */
async function showsValue(
  shownId: number | null,
  shownLabel: string | null,
  list: ConfigListName,
  wantedId: number,
  deps: ReadBackDeps,
): Promise<boolean | 'unknown'> {
  if (shownId !== null) return shownId === wantedId;
  if (shownLabel === null) return 'unknown';
  const label = await expectedLabel(list, wantedId, deps);
  return label === null ? 'unknown' : sameLabel(label, shownLabel);
}

export const updateDelivery: DeliverySide<'update'> = {
  needsServerTicket: true,
  async send(action, { store, client, signal }) {
    const target = await requireServerTicket(store, action.ticketKey);
    const p = action.payload;
    await client.editTicket(
      target.id,
      {
        ...(p.statusId != null ? { statusId: p.statusId } : {}),
        ...(p.typeId != null ? { typeId: p.typeId } : {}),
        ...(p.description != null ? { description: p.description } : {}),
      },
      { signal },
    );
    return {};
  },
  async readBack(action, deps) {
    const ticket = await actionTicketDetail(action, deps);
    if (isVerdict(ticket)) return ticket;
    const payload = action.payload;
    const checks: (boolean | 'unknown')[] = [];
    if (payload.statusId != null) {
      checks.push(
        await showsValue(
          ticket.status?.id ?? ticket.statusId,
          ticket.labels?.status ?? null,
          'ticketStatuses',
          payload.statusId,
          deps,
        ),
      );
    }
    if (payload.typeId != null) {
      checks.push(
        await showsValue(
          ticket.type?.id ?? ticket.typeId,
          ticket.labels?.type ?? null,
          'ticketTypes',
          payload.typeId,
          deps,
        ),
      );
    }
    if (payload.description != null) {
      checks.push(normalized(ticket.description ?? '') === normalized(payload.description));
    }
    if (checks.includes(false)) return missing;
    if (checks.includes('unknown')) {
      return unproven('o HubSoft não mostrou o status ou o tipo de um jeito que permita conferir');
    }
    return { verdict: 'sent', outcome: {} };
  },
};
