/**
 * What the ticket view shows beyond the contract's fields, read leniently from the server's own
 * object in both shapes HubSoft answers with: the presentation shape of the detail (`servico.nome`,
 * `cliente.nome_razaosocial`, without the customer's id) and the model row of the lists
 * (`cliente_servico`).
 */
import type { Ticket } from '../../../preload/types';

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export interface ServiceDetails {
  plan: string | null;
  address: string | null;
  serviceStatus: string | null;
}

export function serviceDetails(ticket: Ticket): ServiceDetails {
  const presentation = record(ticket.raw.servico);
  const model = record(ticket.raw.cliente_servico);
  const modelPlan = record(model?.servico);
  return {
    plan: text(presentation?.nome) ?? text(modelPlan?.descricao) ?? text(modelPlan?.nome),
    address: text(model?.endereco_numero_completo),
    serviceStatus: text(presentation?.status) ?? text(record(model?.status)?.descricao),
  };
}

export interface CustomerDetails {
  name: string | null;
  document: string | null;
  code: number | null;
}

/** The ticket's customer; the detail's `cliente` when the ticket came without a customer id. */
export function customerDetails(ticket: Ticket): CustomerDetails {
  if (ticket.customer) {
    const { name, document, code } = ticket.customer;
    return { name: name.trim() || null, document, code };
  }
  const presentation = record(ticket.raw.cliente);
  const code = Number(presentation?.codigo_cliente);
  return {
    name: text(presentation?.nome_razaosocial),
    document: text(presentation?.cpf_cnpj),
    code: Number.isInteger(code) && code > 0 ? code : null,
  };
}
