/**
 * Brazilian taxpayer numbers with valid check digits: integrations validate them, so fake ones that
 * fail the check would make the demo data look broken. Since July 2026 a new CNPJ may be
 * alphanumeric (IN RFB 2.229/2024): 12 characters of [0-9A-Z], then two numeric check digits
 * computed over each character's code minus 48 ('0' is 0, 'A' is 17).
 */
import type { Rng } from './random';

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  const sum = digits.reduce((acc, digit, i) => acc + digit * (weights[i] ?? 0), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

export function cpfCheckDigits(base: readonly number[]): [number, number] {
  const first = checkDigit(base, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit([...base, first], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return [first, second];
}

/** The check digits of a CNPJ base given as its characters' values (code minus 48). */
export function cnpjCheckDigits(base: readonly number[]): [number, number] {
  const first = checkDigit(base, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit([...base, first], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return [first, second];
}

/** 11 digits, not all equal (those are rejected by every validator). */
export function randomCpf(rng: Rng): string {
  for (;;) {
    const base = Array.from({ length: 9 }, () => rng.int(0, 9));
    if (base.every((digit) => digit === base[0])) continue;
    return [...base, ...cpfCheckDigits(base)].join('');
  }
}

const cnpjChars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * 14 characters: 8 of company root, branch 0001, then the two check digits. An alphanumeric one
 * has letters in its root (and, like real ones, sometimes in its branch).
 */
export function randomCnpj(rng: Rng, alphanumeric = false): string {
  const pick = (): string =>
    alphanumeric ? (cnpjChars[rng.int(0, cnpjChars.length - 1)] ?? '0') : String(rng.int(0, 9));
  const root = Array.from({ length: 8 }, pick);
  if (alphanumeric && root.every((char) => /\d/.test(char))) root[2] = 'A';
  const branch = alphanumeric && rng.chance(0.5) ? ['0', '1', pick(), 'E'] : ['0', '0', '0', '1'];
  const base = [...root, ...branch];
  const values = base.map((char) => char.charCodeAt(0) - 48);
  return [...base, ...cnpjCheckDigits(values)].join('');
}
