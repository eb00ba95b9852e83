/**
 * A service order's status as the agent reads it. Fact 43: some endpoints send the prefix
 * (`em_execucao`), others the label ("Aguardando Agendamento"); a prefix is never shown raw.
 */
import type { MessageKey } from '../locales/pt-BR';

const knownPrefixes: Record<string, MessageKey> = {
  aguardando_agendamento: 'serviceOrder.status.aguardando_agendamento',
  agendado: 'serviceOrder.status.agendado',
  em_execucao: 'serviceOrder.status.em_execucao',
  pendente: 'serviceOrder.status.pendente',
  finalizado: 'serviceOrder.status.finalizado',
  cancelado: 'serviceOrder.status.cancelado',
};

/** Lower-case words joined by underscores: how HubSoft writes a prefix, never a label. */
const prefixShape = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

/** "aguardando_retorno" -> "Aguardando retorno": a tenant's own status still reads as words. */
function humanized(prefix: string): string {
  const words = prefix.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A label as it came; a known prefix through `translate`; any other prefix humanized. */
export function serviceOrderStatusLabel(
  status: string,
  translate: (key: MessageKey) => string,
): string {
  const text = status.trim();
  if (!prefixShape.test(text)) return text;
  const key = knownPrefixes[text];
  return key ? translate(key) : humanized(text);
}
