/**
 * The `actions` area: every change the agent makes becomes one store transaction (the local change,
 * shown as pending, plus its outbox row), then the sender is woken. Each call resolves with the
 * queued action once it is durable; the draft it came from is deleted in that same transaction,
 * so text is never in neither place.
 */
import type { Services } from '../../preload/contract';
import { AppError } from '../../preload/errors';
import type { OutboxAction } from '../../preload/types';
import { normalizePhone, phoneProblemMessage } from '../../preload/brazil/phone';
import { withContractErrors } from '../outbox/contract-errors';
import type { ActionRequest, CreatePayload } from '../store/types';
import type { CurrentWorkspace, Workspace } from './workspace';

type TicketAction = 'reply' | 'update' | 'close' | 'attach' | 'open_service_order';

const refusedOnClosed: Record<Exclude<TicketAction, 'attach'>, string> = {
  reply: 'Este atendimento está fechado: não é possível responder a ele.',
  update: 'Este atendimento está fechado: não é possível alterá-lo.',
  close: 'Este atendimento já está fechado.',
  open_service_order: 'Este atendimento está fechado: não é possível abrir uma O.S. nele.',
};

async function queue(
  workspace: Workspace,
  request: ActionRequest,
  draftKey: string | null,
): Promise<OutboxAction> {
  const action = await workspace.store.enqueueAction(request, {
    ...(draftKey === null ? {} : { discardDraft: draftKey }),
    offline: !workspace.connectivity.online,
  });
  workspace.outbox.changed([action.ticketKey]);
  workspace.outbox.kick();
  return action;
}

/** The cached ticket must exist, and be open for anything but attaching files. */
async function checkTicket(workspace: Workspace, key: string, kind: TicketAction): Promise<void> {
  const ticket = await workspace.store.getTicket(key);
  if (!ticket) throw new AppError('not_found', 'Atendimento não encontrado no cache local.');
  if (kind !== 'attach' && ticket.closedAt !== null) {
    throw new AppError('invalid_input', refusedOnClosed[kind]);
  }
}

/**
 * Fact 21: HubSoft takes `telefone` as digits only. A number that cannot be Brazilian is refused
 * here, before anything is queued, so the agent fixes it in the form that still holds it.
 */
function withSendablePhone(input: CreatePayload): CreatePayload {
  const phone = normalizePhone(input.phone);
  if (!phone.ok) throw new AppError('invalid_input', phoneProblemMessage(phone));
  return { ...input, phone: phone.digits };
}

async function checkStaged(workspace: Workspace, stagedIds: string[]): Promise<void> {
  const unique = [...new Set(stagedIds)];
  const found = await workspace.store.getStagedAttachments(unique);
  if (found.length !== unique.length) {
    throw new AppError(
      'not_found',
      'Um dos arquivos escolhidos não está mais preparado para envio. Escolha-o novamente.',
    );
  }
}

export function createActionsService(current: CurrentWorkspace): Services['actions'] {
  return {
    create: (input) =>
      withContractErrors(() =>
        queue(current(), { kind: 'create', payload: withSendablePhone(input) }, 'new-ticket'),
      ),

    reply: (key, text, stagedIds) =>
      withContractErrors(async () => {
        const workspace = current();
        await checkTicket(workspace, key, 'reply');
        const reply: ActionRequest = { kind: 'reply', ticketKey: key, payload: { text } };
        if (!stagedIds?.length) return queue(workspace, reply, `reply:${key}`);
        // The text and its files as one unit: a failure queues neither and keeps the draft,
        // so sending again cannot queue the text twice.
        await checkStaged(workspace, stagedIds);
        const queued = await workspace.store.enqueueActions(
          [
            reply,
            { kind: 'attach', ticketKey: key, payload: { stagedIds: [...new Set(stagedIds)] } },
          ],
          { discardDraft: `reply:${key}`, offline: !workspace.connectivity.online },
        );
        workspace.outbox.changed([key]);
        workspace.outbox.kick();
        return queued[0] as OutboxAction;
      }),

    attach: (key, stagedIds) =>
      withContractErrors(async () => {
        const workspace = current();
        await checkTicket(workspace, key, 'attach');
        await checkStaged(workspace, stagedIds);
        return queue(
          workspace,
          { kind: 'attach', ticketKey: key, payload: { stagedIds: [...new Set(stagedIds)] } },
          null,
        );
      }),

    update: (key, input) =>
      withContractErrors(async () => {
        const workspace = current();
        await checkTicket(workspace, key, 'update');
        return queue(workspace, { kind: 'update', ticketKey: key, payload: input }, null);
      }),

    close: (key, input) =>
      withContractErrors(async () => {
        const workspace = current();
        await checkTicket(workspace, key, 'close');
        return queue(workspace, { kind: 'close', ticketKey: key, payload: input }, `close:${key}`);
      }),

    openServiceOrder: (key, input) =>
      withContractErrors(async () => {
        const workspace = current();
        await checkTicket(workspace, key, 'open_service_order');
        return queue(
          workspace,
          { kind: 'open_service_order', ticketKey: key, payload: input },
          null,
        );
      }),
  };
}
