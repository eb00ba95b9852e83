/** What customers and agents write, by ticket topic, in Brazilian Portuguese. */
import type { TopicKey } from './catalog';
import type { Rng } from './random';

const OPENINGS: Record<TopicKey, readonly string[]> = {
  tecnico: [
    'Cliente informa que está sem acesso à internet desde ontem à noite.',
    'Cliente relata quedas constantes de conexão, principalmente à noite.',
    'Cliente reclama de lentidão; teste de velocidade mostrou 12 Mbps no plano de 300 Mbps.',
    'Roteador com LED LOS vermelho piscando, cliente já reiniciou o equipamento.',
    'Ping alto em jogos online (acima de 150 ms), cliente pede verificação da rota.',
    'Wi-Fi não alcança os quartos do fundo, cliente solicita avaliação de repetidor.',
    'Sem sinal após chuva forte; possível rompimento de fibra na rua.',
    'Instalação agendada para novo cliente, conferir viabilidade na caixa de atendimento.',
  ],
  financeiro: [
    'Cliente solicita segunda via do boleto com vencimento neste mês.',
    'Cliente pede negociação de duas faturas em atraso.',
    'Cliente informa pagamento em duplicidade e solicita estorno.',
    'Cliente quer alterar a data de vencimento para o dia 10.',
    'Cliente contesta cobrança proporcional na fatura atual.',
  ],
  comercial: [
    'Cliente interessado em migrar para o plano de 500 Mbps.',
    'Solicitação de orçamento para link empresarial com IP fixo.',
    'Cliente pede informações sobre planos com TV e telefonia.',
    'Indicação de novo cliente pelo programa indique e ganhe.',
  ],
  cadastro: [
    'Cliente solicita atualização de telefone e e-mail no cadastro.',
    'Mudança de endereço para outro bairro, cliente quer manter o mesmo plano.',
    'Cliente pede troca de titularidade do contrato.',
    'Cliente solicita alteração do nome e senha da rede Wi-Fi.',
  ],
  cancelamento: [
    'Cliente solicita cancelamento por mudança de cidade.',
    'Cliente quer cancelar por insatisfação com a velocidade.',
    'Pedido de cancelamento; oferecer proposta de retenção.',
  ],
};

const FOLLOW_UPS = [
  'Entrei em contato com o cliente pelo WhatsApp, aguardando retorno.',
  'Verificado no concentrador: sessão PPPoE ativa, sinal óptico em -19 dBm.',
  'Reiniciada a ONU remotamente, cliente confirmou que a conexão voltou.',
  'Cliente não atendeu a ligação, deixado recado.',
  'Encaminhado para a equipe de campo.',
  'Boleto enviado por e-mail e WhatsApp.',
  'Cliente informou que o problema persiste após a troca do cabo.',
  'Agendada visita técnica para o período da manhã.',
  'Realizado teste de velocidade junto com o cliente: 287 Mbps download, 145 Mbps upload.',
  'Cliente pediu retorno após as 18h.',
  'Aplicado desconto proporcional conforme política comercial.',
  'Liberação em confiança realizada por 48 horas.',
  'Técnico no local, trocando o conector na caixa de emenda.',
  'Cliente agradeceu o atendimento.',
] as const;

const CLOSINGS: Record<TopicKey, readonly string[]> = {
  tecnico: [
    'Problema resolvido, cliente confirmou a normalização do serviço.',
    'Atendimento finalizado após visita técnica.',
    'Conector refeito na caixa de atendimento, sinal normalizado.',
    'Cliente não retornou o contato em 48 horas, atendimento encerrado.',
  ],
  financeiro: [
    'Fatura ajustada e enviada ao cliente.',
    'Segunda via enviada por e-mail e WhatsApp.',
    'Acordo de pagamento registrado.',
  ],
  comercial: ['Proposta enviada ao cliente.', 'Migração de plano concluída.'],
  cadastro: ['Solicitação atendida conforme pedido do cliente.', 'Cadastro atualizado.'],
  cancelamento: [
    'Cliente aceitou a proposta de retenção.',
    'Cancelamento registrado e equipamento agendado para retirada.',
  ],
};

export function openingText(rng: Rng, topic: TopicKey): string {
  return rng.pick(OPENINGS[topic]);
}

export function followUpText(rng: Rng): string {
  return rng.pick(FOLLOW_UPS);
}

export function closingText(rng: Rng, topic: TopicKey): string {
  return rng.pick(CLOSINGS[topic]);
}
