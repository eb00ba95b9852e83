/**
 * The canned replies demo mode starts with, so the `/` menu has something to show before the
 * agent writes their own. In Portuguese, like the demo's customers and tickets.
 */
import type { CannedReply } from './stores/canned.svelte';

export const demoCannedReplies: readonly CannedReply[] = [
  {
    name: 'Saudação',
    body: 'Olá, {{cliente}}! Aqui é do suporte. Já estamos verificando o atendimento {{protocolo}} e retornamos em breve.',
  },
  {
    name: 'Reiniciar equipamentos',
    body: '{{cliente}}, por favor desligue o roteador e a ONU da tomada por 30 segundos e ligue de novo. Depois nos diga se a conexão voltou.',
  },
  {
    name: 'Visita técnica agendada',
    body: 'Agendamos uma visita técnica no seu endereço; o técnico liga antes de sair. Protocolo: {{protocolo}}.',
  },
  {
    name: 'Plano do cliente',
    body: 'Seu plano atual é {{plano}}. Se quiser mais velocidade, podemos mostrar as opções de upgrade.',
  },
  {
    name: 'Encerramento',
    body: 'Que bom que deu certo, {{cliente}}! Vamos encerrar o atendimento {{protocolo}}. Qualquer coisa, estamos à disposição.',
  },
];
