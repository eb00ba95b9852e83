/**
 * The tenant's configuration: ticket statuses and types, closing reasons, contact origins,
 * availability periods, service order types, technicians and agents. Fixed for every seed, like a
 * real tenant's settings, and served by the configuration endpoints.
 */

export interface StatusDef {
  id: number;
  prefix: string;
  label: string;
  color: string;
  opensServiceOrder: boolean;
}

/** Prefixes are tenant-defined in HubSoft; these are the ones a typical ISP configures. */
export const STATUSES: readonly StatusDef[] = [
  {
    id: 23,
    prefix: 'aguardando_analise',
    label: 'Aguardando Análise',
    color: 'md-deep-orange-A700-bg',
    opensServiceOrder: false,
  },
  {
    id: 24,
    prefix: 'pendente',
    label: 'Pendente',
    color: 'md-amber-700-bg',
    opensServiceOrder: true,
  },
  {
    id: 25,
    prefix: 'em_analise',
    label: 'Em Análise',
    color: 'md-blue-600-bg',
    opensServiceOrder: false,
  },
  {
    id: 26,
    prefix: 'aguardando_cliente',
    label: 'Aguardando Cliente',
    color: 'md-purple-500-bg',
    opensServiceOrder: false,
  },
  {
    id: 27,
    prefix: 'encaminhado_tecnico',
    label: 'Encaminhado ao Técnico',
    color: 'md-teal-600-bg',
    opensServiceOrder: true,
  },
  {
    id: 28,
    prefix: 'resolvido',
    label: 'Resolvido',
    color: 'md-green-600-bg',
    opensServiceOrder: false,
  },
];

export const STATUS_DEFAULT_ID = 23;
export const STATUS_WITH_ORDER_ID = 24;
/** The status a ticket takes when it is closed. */
export const STATUS_CLOSED_ID = 28;

export interface TypeDef {
  id: number;
  label: string;
  /** Service level in hours, for `tempo_restante`. */
  slaHours: number;
  /** Whether tickets of this type usually get a service order. */
  technical: boolean;
  topic: TopicKey;
}

export type TopicKey = 'tecnico' | 'financeiro' | 'comercial' | 'cadastro' | 'cancelamento';

export const TYPES: readonly TypeDef[] = [
  { id: 125, label: 'COMERCIAL', slaHours: 48, technical: false, topic: 'comercial' },
  { id: 128, label: 'SAC', slaHours: 24, technical: false, topic: 'cadastro' },
  { id: 132, label: 'TÉCNICO - SEM CONEXÃO', slaHours: 12, technical: true, topic: 'tecnico' },
  {
    id: 133,
    label: 'TÉCNICO - QUEDAS DE CONEXÃO',
    slaHours: 24,
    technical: true,
    topic: 'tecnico',
  },
  { id: 134, label: 'TÉCNICO - LENTIDÃO', slaHours: 24, technical: true, topic: 'tecnico' },
  {
    id: 140,
    label: 'FINANCEIRO - 2ª VIA DE BOLETO',
    slaHours: 8,
    technical: false,
    topic: 'financeiro',
  },
  {
    id: 141,
    label: 'FINANCEIRO - NEGOCIAÇÃO',
    slaHours: 72,
    technical: false,
    topic: 'financeiro',
  },
  { id: 150, label: 'MUDANÇA DE ENDEREÇO', slaHours: 120, technical: true, topic: 'cadastro' },
  { id: 151, label: 'INSTALAÇÃO', slaHours: 96, technical: true, topic: 'tecnico' },
  { id: 160, label: 'CANCELAMENTO', slaHours: 48, technical: false, topic: 'cancelamento' },
];

/** The document: "Se `id_tipo_atendimento` não for enviado -> tipo padrão SAC". */
export const TYPE_DEFAULT_ID = 128;

export interface NamedDef {
  id: number;
  label: string;
}

export interface ClosingReasonDef extends NamedDef {
  /** Ticket types the reason is linked to; empty means every type (facts §5). */
  typeIds: readonly number[];
}

export const CLOSING_REASONS: readonly ClosingReasonDef[] = [
  { id: 5, label: 'Fechado Automático Atendimento', typeIds: [] },
  { id: 101, label: 'Problema resolvido', typeIds: [] },
  { id: 102, label: 'Problema resolvido remotamente', typeIds: [132, 133, 134] },
  { id: 103, label: 'Visita técnica realizada', typeIds: [132, 133, 134, 150, 151] },
  { id: 104, label: 'Cliente não retornou o contato', typeIds: [] },
  { id: 105, label: 'Solicitação atendida', typeIds: [125, 128, 140, 141, 160] },
  { id: 108, label: 'Finalizado', typeIds: [] },
];

export const CLOSING_REASON_DEFAULT_ID = 5;

export const CONTACT_ORIGINS: readonly NamedDef[] = [
  { id: 1, label: 'Telefone' },
  { id: 2, label: 'WhatsApp' },
  { id: 3, label: 'Central do Assinante' },
  { id: 4, label: 'Presencial' },
  { id: 5, label: 'E-mail' },
  { id: 6, label: 'Chat do site' },
];

export interface PeriodDef extends NamedDef {
  prefix: 'manha' | 'tarde' | 'noite';
  start: string;
  end: string;
}

/** Fact §5 (real O.S. capture): tenant-specific ids and hours, a `prefixo` per period of the day. */
export const PERIODS: readonly PeriodDef[] = [
  { id: 4, label: 'Manhã', prefix: 'manha', start: '06:00:00', end: '11:59:59' },
  { id: 5, label: 'Tarde', prefix: 'tarde', start: '12:00:00', end: '17:59:59' },
  { id: 6, label: 'Noite', prefix: 'noite', start: '18:00:00', end: '21:59:59' },
];

export const ORDER_TYPES: readonly NamedDef[] = [
  { id: 15, label: 'ABERTURA VIA API' },
  { id: 16, label: 'SUPORTE' },
  { id: 17, label: 'INSTALAÇÃO' },
  { id: 18, label: 'MUDANÇA DE ENDEREÇO' },
  { id: 19, label: 'RETIRADA DE EQUIPAMENTO' },
  { id: 20, label: 'VISTORIA DE REDE' },
];

/** The document: "Se `id_tipo_ordem_servico` não enviado -> tipo ABERTURA VIA API". */
export const ORDER_TYPE_DEFAULT_ID = 15;

/** Service order statuses as HubSoft prefixes them; `em_execucao` cannot be closed by the API. */
export const ORDER_STATUSES = [
  'aguardando_agendamento',
  'agendado',
  'em_execucao',
  'finalizado',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface PersonDef {
  id: number;
  name: string;
}

/** Names with a trailing space are on purpose: real tenants have them. */
export const TECHNICIANS: readonly PersonDef[] = [
  { id: 5, name: 'SAC (Atendimento)' },
  { id: 10, name: 'Reginaldo Teixeira' },
  { id: 11, name: 'Cleiton Moura ' },
  { id: 12, name: 'Wesley Batista' },
  { id: 13, name: 'Edivaldo Campos' },
];

export const TECHNICIAN_DEFAULT_ID = 5;

export const AGENTS: readonly PersonDef[] = [
  { id: 56, name: 'Bianca Couto' },
  { id: 57, name: 'Marcos Vinícius ' },
  { id: 58, name: 'Renata Albuquerque' },
  { id: 59, name: 'Tiago Nogueira' },
  { id: 60, name: 'Patrícia Lemos ' },
  { id: 61, name: 'Master' },
];

/** The user behind the demo account: what the app sends is opened/closed by this user. */
export const API_USER: PersonDef = { id: 4903, name: 'Agente Demo' };

export function findById<T extends { id: number }>(items: readonly T[], id: number): T | undefined {
  return items.find((item) => item.id === id);
}

export function userById(id: number): PersonDef | undefined {
  return id === API_USER.id ? API_USER : findById(AGENTS, id);
}
