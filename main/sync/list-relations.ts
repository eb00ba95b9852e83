/**
 * What every list call of sync asks HubSoft to load with a ticket (fact 32: `relacoes`, default
 * none): the customer's service for the inbox row, every responsible user for "só os meus" and
 * assignment notices (fact 35: `id_usuario_responsavel` can be null while several exist), and the
 * messages, so search covers every cached ticket from the first sync. No relation brings the
 * opening text (fact 33): the detail filler does.
 */
import type { TicketRelation } from '../hubsoft/requests';

export const syncListRelations: readonly TicketRelation[] = [
  'cliente_servico',
  'usuarios_responsaveis',
  'atendimento_mensagem',
];
