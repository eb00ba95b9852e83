import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from '../../../main/outbox/file-names';

describe('file names that try to hide what they are', () => {
  it('drops right-to-left overrides, so "fatura‮fdp.exe" cannot pass for a PDF', () => {
    expect(sanitizeFileName('fatura\u202Efdp.exe')).toBe('faturafdp.exe');
    expect(sanitizeFileName('oculto\u200f\u2066\u2069.pdf')).toBe('oculto.pdf');
  });

  it('drops C1 control characters, and a byte order mark is blank space like any other', () => {
    expect(sanitizeFileName('nota\u009b\u0080.txt')).toBe('nota.txt');
    expect(sanitizeFileName('\ufeffnota.txt')).toBe('nota.txt');
  });

  it('drops half an emoji, and never cuts one in half when shortening', () => {
    expect(sanitizeFileName('metade\uD800.txt')).toBe('metade.txt');
    const shortened = sanitizeFileName(`a${'😀'.repeat(150)}.png`);
    expect(shortened).not.toMatch(/\p{Cs}/u);
    expect(shortened.endsWith('😀.png')).toBe(true);
  });

  it('keeps accents and whole emoji', () => {
    expect(sanitizeFileName('relatório 😀 técnico.pdf')).toBe('relatório 😀 técnico.pdf');
  });
});
