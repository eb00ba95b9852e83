import { describe, expect, it } from 'vitest';
import { detectCustomerQuery } from '../../../renderer/src/lib/customer-query';

const kind = (typed: string) => detectCustomerQuery(typed)?.kind ?? null;

describe('what the customer search detects from what is typed', () => {
  it('tells a CPF from a mobile number by its check digits, punctuated or not', () => {
    expect(kind('529.982.247-25')).toBe('cpf');
    expect(kind('52998224725')).toBe('cpf');
    expect(kind('37991234567')).toBe('phone');
    expect(kind('(37) 99123-4567')).toBe('phone');
    expect(kind('+55 37 99123 4567')).toBe('phone');
  });

  it('finds CNPJs, numeric and alphanumeric', () => {
    expect(kind('11.222.333/0001-81')).toBe('cnpj');
    expect(kind('11222333000181')).toBe('cnpj');
    expect(kind('12.ABC.345/01DE-35')).toBe('cnpj');
    expect(kind('12abc34501de35')).toBe('cnpj');
  });

  it('reads short numbers as a customer code, landlines as phones, words as names', () => {
    expect(kind('6042')).toBe('code');
    expect(kind('3133334444')).toBe('phone');
    expect(kind('Maria da Silva')).toBe('name');
    expect(kind('  ')).toBeNull();
    expect(detectCustomerQuery('529.982.247-25')?.by).toBe('document');
    expect(detectCustomerQuery('6042')?.by).toBe('code');
  });
});
