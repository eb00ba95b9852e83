/**
 * What the agent typed, as an FTS5 query: every word must match, each as a prefix ("conex"
 * finds "Conexão"; the tokenizer folds case and accents). A run of digits and punctuation is one
 * number, so "123.456.789-01" finds the CPF stored as 12345678901, and a punctuated alphanumeric
 * CNPJ is one word, so "12.ABC.345/01DE-35" finds the one stored as 12ABC34501DE35.
 */
import { typedPhoneKey } from './phone-keys';

export interface ParsedSearch {
  /** The FTS5 MATCH expression. */
  match: string;
  /** The words, folded like the index folds them, to mark them in a text. */
  terms: string[];
  /** When the text is one number (digits, mask and spaces): what to find it in anywhere. */
  number: TypedNumber | null;
}

export interface TypedNumber {
  /**
   * Its digits, to find inside protocols (3 at least: the trigram index's unit); null when typed
   * with a phone's mask or +55, which no protocol is written with.
   */
  digits: string | null;
  /** As a phone key (phone-keys.ts), when it can be a phone number. */
  phoneKey: string | null;
}

/** A number as typed: digits with the punctuation of masks, +55, spaces. */
const typedNumber = /^[\d\s()+.\-/]+$/;

function numberOf(text: string): TypedNumber | null {
  if (!typedNumber.test(text.trim())) return null;
  const digits = text.replace(/\D/g, '');
  const found: TypedNumber = {
    digits: digits.length >= 3 && /^\d+$/.test(text.trim()) ? digits : null,
    phoneKey: typedPhoneKey(text),
  };
  return found.digits === null && found.phoneKey === null ? null : found;
}

/** `12.ABC`, `12.ABC.345/01`, ... up to `12.ABC.345/01DE-35`: a CNPJ as it is written. */
const cnpjPrefix = /^[0-9A-Z]{2}\.[0-9A-Z]{3}(\.[0-9A-Z]{0,3}(\/[0-9A-Z]{0,4}(-\d{0,2})?)?)?$/i;

export function parseSearch(text: string): ParsedSearch | null {
  const terms: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    if (/^[\d.\-/]+$/.test(word)) {
      const digits = word.replace(/\D/g, '');
      if (digits) terms.push(digits);
      continue;
    }
    if (cnpjPrefix.test(word)) {
      terms.push(word.replace(/[.\-/]/g, '').toLowerCase());
      continue;
    }
    for (const token of word.match(/[\p{L}\p{N}]+/gu) ?? []) terms.push(fold(token));
  }
  if (terms.length === 0) return null;
  return { match: terms.map((term) => `"${term}"*`).join(' '), terms, number: numberOf(text) };
}

/** Lower case without accents, as `unicode61 remove_diacritics 2` indexes words. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** search.ts asks snippet() to mark matches with char(2) and char(3): never in ticket text. */
const matchOpen = '\u0002';
const matchClose = '\u0003';

export interface Highlighted {
  text: string;
  ranges: { start: number; end: number }[];
}

/** A marked snippet as plain text plus the positions of the matched words. */
export function unmarkSnippet(marked: string): Highlighted {
  const ranges: { start: number; end: number }[] = [];
  let text = '';
  let start = -1;
  for (const char of marked) {
    if (char === matchOpen) start = text.length;
    else if (char === matchClose) {
      if (start >= 0) ranges.push({ start, end: text.length });
      start = -1;
    } else text += char;
  }
  return { text, ranges };
}

/**
 * The words of `text` that start with one of `terms`, in an excerpt of about `words` words
 * around the first of them. Done here rather than with snippet(): asking FTS5 for one row's
 * snippet re-runs the whole prefix query.
 */
export function highlightExcerpt(text: string, terms: string[], words: number): Highlighted {
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    hit: terms.some((term) => fold(m[0]).startsWith(term)),
  }));
  const first = Math.max(
    tokens.findIndex((t) => t.hit),
    0,
  );
  const from = Math.max(first - Math.floor(words / 3), 0);
  const to = Math.min(from + words, tokens.length);
  const startAt = from === 0 ? 0 : (tokens[from]?.start ?? 0);
  const endAt = to >= tokens.length ? text.length : (tokens[to - 1]?.end ?? text.length);
  const prefix = from === 0 ? '' : '…';
  const ranges = tokens
    .slice(from, to)
    .filter((t) => t.hit)
    .map((t) => ({
      start: t.start - startAt + prefix.length,
      end: t.end - startAt + prefix.length,
    }));
  const suffix = endAt < text.length ? '…' : '';
  return { text: prefix + text.slice(startAt, endAt) + suffix, ranges };
}
