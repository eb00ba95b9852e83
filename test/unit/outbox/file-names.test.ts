import { describe, expect, it } from 'vitest';
import { describeSize, mimeFromName, sanitizeFileName } from '../../../main/outbox/file-names';

describe('attachment file names', () => {
  it('keeps only the file name from a path, whatever the separators', () => {
    expect(sanitizeFileName('C:\\fakepath\\nota fiscal.pdf')).toBe('nota fiscal.pdf');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
  });

  it('drops control characters and what Windows refuses, and trims dots and spaces', () => {
    expect(sanitizeFileName(' foto\u0000<1>:"?*|.jpg ')).toBe('foto1.jpg');
    expect(sanitizeFileName('linha\nquebrada.txt')).toBe('linha quebrada.txt');
    expect(sanitizeFileName('...')).toBe('arquivo');
    expect(sanitizeFileName('')).toBe('arquivo');
  });

  it('does not let a name become a Windows device', () => {
    expect(sanitizeFileName('CON.txt')).toBe('_CON.txt');
    expect(sanitizeFileName('nul')).toBe('_nul');
  });

  it('shortens long names but keeps their extension', () => {
    const name = sanitizeFileName(`${'relatório '.repeat(30)}.xlsx`);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.xlsx')).toBe(true);
  });

  it('guesses the type from the extension, else binary', () => {
    expect(mimeFromName('planta.PNG')).toBe('image/png');
    expect(mimeFromName('contrato.pdf')).toBe('application/pdf');
    expect(mimeFromName('sem-extensao')).toBe('application/octet-stream');
  });

  it('describes sizes the way the agent reads them', () => {
    expect(describeSize(512)).toBe('1 KB');
    expect(describeSize(20 * 1024 * 1024)).toBe('20,0 MB');
    expect(describeSize(2.5 * 1024 * 1024)).toBe('2,5 MB');
  });
});
