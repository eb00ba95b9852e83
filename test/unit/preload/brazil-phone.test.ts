import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneProblemMessage } from '../../../preload/brazil/phone';

function digitsOf(typed: string): string | null {
  const checked = normalizePhone(typed);
  return checked.ok ? checked.digits : null;
}

function problemOf(typed: string): string {
  const checked = normalizePhone(typed);
  if (checked.ok) throw new Error(`${typed} was accepted`);
  return phoneProblemMessage(checked);
}

describe('a phone number typed by the agent', () => {
  it('is sent as digits only, without punctuation or the country code', () => {
    expect(digitsOf('(37) 99123-4567')).toBe('37991234567');
    expect(digitsOf('+55 37 99123-4567')).toBe('37991234567');
    expect(digitsOf('55 (11) 3456-7890')).toBe('1134567890');
    expect(digitsOf('31 3222.1100')).toBe('3132221100');
  });

  it('keeps the area code 55 when it is the number’s own DDD', () => {
    expect(digitsOf('(55) 99988-7766')).toBe('55999887766');
  });

  it('is refused in Portuguese when it has too few or too many digits', () => {
    expect(problemOf('99123-4567')).toMatch(/10 ou 11 dígitos/);
    expect(problemOf('037 991234 5678')).toMatch(/10 ou 11 dígitos/);
    expect(problemOf('')).toMatch(/DDD/);
  });

  it('is refused when its area code does not exist', () => {
    expect(problemOf('(20) 99123-4567')).toBe('O DDD 20 não existe. Confira o telefone.');
  });

  it('is refused when an 11-digit number does not start with 9, or a landline with 6 to 9', () => {
    expect(problemOf('(37) 89123-4567')).toMatch(/começa com 9/);
    expect(problemOf('(37) 9912-3456')).toMatch(/inclua o 9/);
  });
});
