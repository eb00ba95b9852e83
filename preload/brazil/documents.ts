/**
 * CPF and CNPJ, the numeric ones and the alphanumeric CNPJ issued since July 2026 (IN RFB
 * 2.229/2024: 12 characters of [0-9A-Z] then two numeric check digits, modulo 11 over each
 * character's code minus 48, so '0' is 0 and 'A' is 17). Pure code for main and renderer alike:
 * a document is kept as its characters, letters upper case, and shown punctuated.
 */

export type DocumentKind = 'cpf' | 'cnpj';

/** The characters that make a document: digits and (upper-cased) letters, no punctuation. */
export function documentChars(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** What the characters look like, before any check digit is checked. */
export function documentKind(chars: string): DocumentKind | null {
  if (/^\d{11}$/.test(chars)) return 'cpf';
  if (/^[0-9A-Z]{12}\d{2}$/.test(chars)) return 'cnpj';
  return null;
}

function checkDigit(values: readonly number[], firstWeight: number, cycle: number): number {
  let weight = firstWeight;
  let sum = 0;
  for (const value of values) {
    sum += value * weight;
    weight = weight === 2 ? cycle : weight - 1;
  }
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

function valuesOf(chars: string): number[] {
  return [...chars].map((char) => char.charCodeAt(0) - 48);
}

function cpfIsValid(chars: string): boolean {
  if (/^(\d)\1{10}$/.test(chars)) return false;
  const values = valuesOf(chars);
  const first = checkDigit(values.slice(0, 9), 10, 10);
  const second = checkDigit([...values.slice(0, 9), first], 11, 11);
  return values[9] === first && values[10] === second;
}

function cnpjIsValid(chars: string): boolean {
  if (/^(\d)\1{13}$/.test(chars)) return false;
  const values = valuesOf(chars);
  const first = checkDigit(values.slice(0, 12), 5, 9);
  const second = checkDigit([...values.slice(0, 12), first], 6, 9);
  return values[12] === first && values[13] === second;
}

/** Whether a whole CPF or CNPJ (numeric or alphanumeric) has the right check digits. */
export function hasValidCheckDigits(chars: string): boolean {
  const kind = documentKind(chars);
  if (kind === 'cpf') return cpfIsValid(chars);
  if (kind === 'cnpj') return cnpjIsValid(chars);
  return false;
}

/** `123.456.789-09`, `12.ABC.345/01DE-35`; null for what is not shaped like either. */
export function formatDocument(chars: string): string | null {
  const kind = documentKind(chars);
  if (kind === 'cpf') return chars.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  if (kind === 'cnpj') {
    return chars.replace(/^(.{2})(.{3})(.{3})(.{4})(\d{2})$/, '$1.$2.$3/$4-$5');
  }
  return null;
}
