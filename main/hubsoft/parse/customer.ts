/** Customers from `GET /cliente` (customer search), to `Customer`. */
import { documentChars } from '../../../preload/brazil/documents';
import { z } from 'zod';
import type { Customer, CustomerService } from '../model';
import { id, keepingRaw, lenient, optionalId, optionalText, requiredText } from './fields';

/** An address as a line of text, whether the server sent text or an address object. */
const addressLine = lenient<string | null>((value) => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['endereco_numero_completo', 'completo', 'display']) {
      const text = record[key];
      if (typeof text === 'string' && text.trim() !== '') return text.trim();
    }
    const parts = [record.endereco, record.numero, record.bairro].filter(
      (part): part is string | number => typeof part === 'string' || typeof part === 'number',
    );
    return parts.length > 0 ? parts.join(', ') : null;
  }
  return { problem: 'não é um endereço' };
});

const serviceRow = z.looseObject({
  id_cliente_servico: id,
  nome: optionalText,
  display: optionalText,
  status: optionalText,
  endereco_numero_completo: addressLine,
  endereco_instalacao: addressLine,
});

const customerService = serviceRow.transform((row): CustomerService => ({
  id: row.id_cliente_servico,
  planName: row.nome ?? row.display,
  status: row.status,
  address: row.endereco_numero_completo ?? row.endereco_instalacao,
}));

const customerRow = z.looseObject({
  id_cliente: id,
  codigo_cliente: optionalId,
  nome_razaosocial: requiredText,
  cpf_cnpj: optionalText,
  telefone_primario: optionalText,
  telefone_secundario: optionalText,
  telefone_terciario: optionalText,
  email_principal: optionalText,
  servicos: z.array(customerService).nullish(),
});

export const customer = keepingRaw(customerRow, (row, raw): Customer => {
  // An alphanumeric CNPJ (July 2026) keeps its letters: only punctuation goes.
  const document = documentChars(row.cpf_cnpj ?? '');
  return {
    id: row.id_cliente,
    code: row.codigo_cliente,
    name: row.nome_razaosocial,
    document: document === '' ? null : document,
    phones: [row.telefone_primario, row.telefone_secundario, row.telefone_terciario].filter(
      (phone): phone is string => phone !== null,
    ),
    email: row.email_principal,
    services: row.servicos ?? [],
    raw,
  };
});
