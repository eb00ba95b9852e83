/**
 * Brazilian taxpayer numbers with valid check digits: integrations validate them, so fake ones that
 * fail the check would make the demo data look broken.
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

/** 14 digits: 8 of company root, branch 0001, then the two check digits. */
export function randomCnpj(rng: Rng): string {
  const base = [...Array.from({ length: 8 }, () => rng.int(0, 9)), 0, 0, 0, 1];
  return [...base, ...cnpjCheckDigits(base)].join('');
}
