import { afterEach, describe, expect, it } from 'vitest';
import {
  bytesIn,
  dateTimeIn,
  numberIn,
  pastedFileName,
} from '../../../renderer/src/lib/locale-format';

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

describe('numbers, sizes and dates in the UI language', () => {
  it('writes sizes with a decimal comma in Portuguese and a point in English', () => {
    expect(bytesIn('pt-BR', 21 * 1024 * 1024)).toBe('21,0 MB');
    expect(bytesIn('en', 21 * 1024 * 1024)).toBe('21.0 MB');
    expect(bytesIn('pt-BR', 1.25 * 1024 * 1024)).toBe('1,3 MB');
    expect(bytesIn('pt-BR', 300 * 1024)).toBe('300 KB');
    expect(bytesIn('en', 512)).toBe('512 B');
  });

  it('groups thousands as each language does', () => {
    expect(numberIn('pt-BR', 12345)).toBe('12.345');
    expect(numberIn('en', 12345)).toBe('12,345');
  });

  it('writes a moment as dd/MM/yyyy HH:mm in Portuguese and in English words in English', () => {
    const moment = new Date(2026, 11, 2, 14, 5);
    expect(dateTimeIn('pt-BR', moment)).toBe('02/12/2026 14:05');
    expect(dateTimeIn('en', moment)).toBe('Dec 2, 2026, 2:05 PM');
  });

  it("names a pasted screenshot by the agent's local time, not UTC", () => {
    process.env.TZ = 'America/Sao_Paulo';
    // 13:04:05 UTC is 10:04:05 in São Paulo.
    const pastedAt = new Date(Date.UTC(2026, 11, 2, 13, 4, 5));
    expect(pastedFileName(pastedAt, 'image/png')).toBe('captura-2026-12-02-10-04-05.png');
    expect(pastedFileName(pastedAt, 'image/jpeg')).toBe('captura-2026-12-02-10-04-05.jpeg');
    expect(pastedFileName(pastedAt, '')).toBe('captura-2026-12-02-10-04-05.png');
  });
});
