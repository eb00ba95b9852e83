/**
 * What the agent typed in the new-ticket customer search, and which HubSoft field it is: a CPF
 * or CNPJ (with or without punctuation, letters of an alphanumeric CNPJ in any case), a phone
 * number, a customer code, or else a name.
 */
import {
  documentChars,
  documentKind,
  hasValidCheckDigits,
} from '../../../preload/brazil/documents';
import { normalizePhone } from '../../../preload/brazil/phone';

/** The fields `customers.search` takes (preload/schemas.ts). */
export type CustomerSearchField = 'document' | 'code' | 'name' | 'phone';

export type DetectedKind = 'cpf' | 'cnpj' | 'phone' | 'code' | 'name';

export interface DetectedQuery {
  kind: DetectedKind;
  by: CustomerSearchField;
}

const byKind: Record<DetectedKind, CustomerSearchField> = {
  cpf: 'document',
  cnpj: 'document',
  phone: 'phone',
  code: 'code',
  name: 'name',
};

function detected(kind: DetectedKind): DetectedQuery {
  return { kind, by: byKind[kind] };
}

/** Null while nothing is typed. */
export function detectCustomerQuery(typed: string): DetectedQuery | null {
  const term = typed.trim();
  if (!term) return null;
  const digits = term.replace(/\D/g, '');
  const onlyDigitsAndPunctuation = /^[\d\s.\-/()+]+$/.test(term);
  // Punctuated as a document (123.456.789-09, 12.345.678/0001-95): the punctuation says it.
  if (/^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(term)) return detected('cpf');
  const chars = documentChars(term);
  if (/[./]/.test(term) && documentKind(chars) === 'cnpj') return detected('cnpj');
  // Punctuated as a phone: "(37) 99123-4567", "+55 37 99123 4567".
  if (onlyDigitsAndPunctuation && /[()+\s]/.test(term) && normalizePhone(term).ok) {
    return detected('phone');
  }
  // An alphanumeric CNPJ without punctuation (12 characters and 2 check digits).
  if (!onlyDigitsAndPunctuation) {
    return documentKind(chars) === 'cnpj' && /\d/.test(chars) && hasValidCheckDigits(chars)
      ? detected('cnpj')
      : detected('name');
  }
  // Bare digits: a CPF and a mobile number are both 11 digits; the check digits tell them apart.
  if (digits.length === 14) return detected('cnpj');
  if (digits.length === 11 && hasValidCheckDigits(digits)) return detected('cpf');
  if ((digits.length === 10 || digits.length === 11) && normalizePhone(digits).ok) {
    return detected('phone');
  }
  if (digits.length === 11) return detected('cpf');
  if (digits.length >= 12) return normalizePhone(digits).ok ? detected('phone') : detected('cnpj');
  if (digits.length >= 8) return detected('phone');
  return detected('code');
}
