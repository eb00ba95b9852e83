/**
 * Numbers, sizes and dates in the UI's language, as pure functions of the locale (format.ts
 * passes the current one): pt-BR writes "21,0 MB" and `dd/MM/yyyy HH:mm`, English "21.0 MB"
 * and "Dec 2, 2026, 2:13 PM". Always in this computer's time zone.
 */
import { format } from 'date-fns';
import { enUS, ptBR } from 'date-fns/locale';

export type UiLocale = 'pt-BR' | 'en';

export function numberIn(locale: UiLocale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "512 B", "3 KB", "21,0 MB": kilobytes whole, megabytes with one decimal. */
export function bytesIn(locale: UiLocale, bytes: number): string {
  if (bytes < 1024) return `${numberIn(locale, bytes)} B`;
  if (bytes < 1024 * 1024) {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} KB`;
  }
  const megabytes = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / (1024 * 1024));
  return `${megabytes} MB`;
}

/** A moment with its time, in the computer's time zone. */
export function dateTimeIn(locale: UiLocale, date: Date): string {
  return locale === 'en'
    ? format(date, 'PPp', { locale: enUS })
    : format(date, 'dd/MM/yyyy HH:mm', { locale: ptBR });
}

/** A calendar day given by its parts (month 1-12), as the UI writes days. */
export function dayIn(locale: UiLocale, day: { year: number; month: number; day: number }): string {
  const date = new Date(day.year, day.month - 1, day.day);
  return locale === 'en'
    ? format(date, 'PP', { locale: enUS })
    : format(date, 'dd/MM/yyyy', { locale: ptBR });
}

/**
 * The name of a pasted screenshot, which comes without one: the moment it was pasted in the
 * agent's own time (not UTC), so it matches the clock on their screen.
 */
export function pastedFileName(pastedAt: Date, mime: string): string {
  const extension = /^image\/([a-z0-9.+-]+)$/i.exec(mime)?.[1] ?? 'png';
  return `captura-${format(pastedAt, 'yyyy-MM-dd-HH-mm-ss')}.${extension}`;
}
