/**
 * The `outbox` area: what is waiting for the server, and the agent's answers to what could not be
 * sent: retry, edit the text and send again, or discard (which takes the local change back).
 * Retrying an action held for new messages is "Enviar mesmo assim" (see look-before-send.ts).
 */
import type { Services } from '../../preload/contract';
import { AppError } from '../../preload/errors';
import type { OutboxAction, OutboxSettings } from '../../preload/types';
import { withContractErrors } from '../outbox/contract-errors';
import { lookBeforeSendingEnabled, lookBeforeSendingSetting } from '../outbox/look-before-send';
import type { JsonValue } from '../store/types';
import type { CurrentWorkspace, Workspace } from './workspace';

/** Finished actions listed after the open ones: enough history to see what just went out. */
const finishedShown = 200;

async function requireAction(workspace: Workspace, id: number): Promise<OutboxAction> {
  const action = await workspace.store.getAction(id);
  if (!action) throw new AppError('not_found', 'Ação não encontrada na fila de envio.');
  return action;
}

function requireDecidable(action: OutboxAction, verb: string): void {
  if (action.state === 'failed' || action.state === 'needs_attention') return;
  const why =
    action.state === 'sent'
      ? 'ela já foi enviada'
      : action.state === 'discarded'
        ? 'ela foi descartada'
        : 'ela ainda está na fila de envio';
  throw new AppError('invalid_input', `Não é possível ${verb} esta ação: ${why}.`);
}

/**
 * The payload with the agent's new text: the reply itself, a new ticket's opening text, or a
 * close's closing text (a close held for new messages is edited after reading them).
 */
function editedPayload(action: OutboxAction, text: string): JsonValue {
  if (action.kind === 'reply') return { ...action.payload, text };
  if (action.kind === 'create') return { ...action.payload, description: text };
  if (action.kind === 'close') return { ...action.payload, description: text };
  throw new AppError(
    'invalid_input',
    'Só respostas, fechamentos e aberturas de atendimento têm texto para editar.',
  );
}

async function outboxSettings(workspace: Workspace): Promise<OutboxSettings> {
  return { lookBeforeSending: await lookBeforeSendingEnabled(workspace.store) };
}

function changed(workspace: Workspace, action: OutboxAction): OutboxAction {
  workspace.outbox.changed([action.ticketKey]);
  workspace.outbox.kick();
  return action;
}

export function createOutboxService(current: CurrentWorkspace): Services['outbox'] {
  return {
    list: () =>
      withContractErrors(async () => {
        // Not every action ever sent: that history only grows (see the soak run in the README).
        return current().store.listRecentActions(finishedShown);
      }),

    retry: (id) =>
      withContractErrors(async () => {
        const workspace = current();
        requireDecidable(await requireAction(workspace, id), 'tentar de novo');
        return changed(workspace, await workspace.store.retryAction(id));
      }),

    edit: (id, { text }) =>
      withContractErrors(async () => {
        const workspace = current();
        const action = await requireAction(workspace, id);
        requireDecidable(action, 'editar');
        const payload = editedPayload(action, text);
        // The agent rewrote it having seen the ticket as cached now: the look starts from there.
        const offline = !workspace.connectivity.online;
        return changed(workspace, await workspace.store.retryAction(id, payload, { offline }));
      }),

    discard: (id) =>
      withContractErrors(async () => {
        const workspace = current();
        const action = await requireAction(workspace, id);
        if (action.state === 'sent') {
          throw new AppError('invalid_input', 'Uma ação já enviada não pode ser descartada.');
        }
        if (action.state === 'sending') {
          throw new AppError(
            'invalid_input',
            'A ação está sendo enviada agora; aguarde o resultado para descartá-la.',
          );
        }
        return changed(workspace, await workspace.store.discardAction(id));
      }),

    settings: () => withContractErrors(() => outboxSettings(current())),

    setLookBeforeSending: (enabled) =>
      withContractErrors(async () => {
        const workspace = current();
        await workspace.store.setSetting(lookBeforeSendingSetting, enabled);
        // Actions it held stay held: the agent answers each; what waits now goes without a look.
        workspace.outbox.kick();
        return outboxSettings(workspace);
      }),
  };
}
