import { describe, expect, it } from 'vitest';
import { naiveDateToIso } from '../../../main/hubsoft/parse/dates';
import { dayIn } from '../../../renderer/src/lib/locale-format';
import { serverDayAttribute, serverDayParts } from '../../../renderer/src/lib/server-day';

/** What the cache holds for a detail's `dd/mm/yyyy`, read by the client's own parser. */
function storedDay(text: string): Date {
  const iso = naiveDateToIso(text);
  if (typeof iso !== 'string') throw new Error(`${text} did not parse`);
  return new Date(iso);
}

describe('a day HubSoft gave without a time', () => {
  it('is shown as the same day the server wrote, with no time', () => {
    for (const day of ['02/12/2026', '31/12/2026', '01/01/2027', '29/02/2028']) {
      expect(dayIn('pt-BR', serverDayParts(storedDay(day)))).toBe(day);
    }
  });

  it('reads in English as an English date, the same day', () => {
    expect(dayIn('en', serverDayParts(storedDay('02/12/2026')))).toBe('Dec 2, 2026');
  });

  it('is marked up as a bare day for <time datetime>', () => {
    expect(serverDayAttribute(storedDay('01/01/2027'))).toBe('2027-01-01');
  });
});
