import { describe, expect, it } from 'vitest';
import {
  documentChars,
  documentKind,
  formatDocument,
  hasValidCheckDigits,
} from '../../../preload/brazil/documents';
import { randomCnpj, randomCpf } from '../../../main/sim/br-documents';
import { Rng } from '../../../main/sim/random';

describe('a CPF or CNPJ', () => {
  it('keeps the letters of an alphanumeric CNPJ, upper case, without punctuation', () => {
    expect(documentChars('12.abc.345/01de-35')).toBe('12ABC34501DE35');
    expect(documentChars('123.456.789-09')).toBe('12345678909');
  });

  it('accepts the Receita Federal example of an alphanumeric CNPJ and refuses a wrong check digit', () => {
    expect(documentKind('12ABC34501DE35')).toBe('cnpj');
    expect(hasValidCheckDigits('12ABC34501DE35')).toBe(true);
    expect(hasValidCheckDigits('12ABC34501DE36')).toBe(false);
  });

  it('checks numeric CNPJs and CPFs with their usual weights', () => {
    expect(hasValidCheckDigits('11222333000181')).toBe(true);
    expect(hasValidCheckDigits('11222333000182')).toBe(false);
    expect(hasValidCheckDigits('52998224725')).toBe(true);
    expect(hasValidCheckDigits('52998224726')).toBe(false);
    expect(hasValidCheckDigits('11111111111')).toBe(false);
  });

  it('agrees with the simulator on every document it generates', () => {
    const rng = Rng.for(1, 'documents', 0);
    for (let i = 0; i < 200; i += 1) {
      expect(hasValidCheckDigits(randomCpf(rng))).toBe(true);
      expect(hasValidCheckDigits(randomCnpj(rng, i % 2 === 0))).toBe(true);
    }
  });

  it('is shown punctuated, letters included', () => {
    expect(formatDocument('12ABC34501DE35')).toBe('12.ABC.345/01DE-35');
    expect(formatDocument('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatDocument('52998224725')).toBe('529.982.247-25');
    expect(formatDocument('1234')).toBeNull();
  });
});
