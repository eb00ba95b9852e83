/**
 * The i18n layer: i18next holds the messages, a rune holds the current locale so every `t()` in
 * a template re-renders when the agent switches language. pt-BR is the default.
 */
import i18next from 'i18next';
import { en } from '../locales/en';
import { ptBR, type MessageKey } from '../locales/pt-BR';

export const locales = ['pt-BR', 'en'] as const;
export type Locale = (typeof locales)[number];

const storageKey = 'hubdesk.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(storageKey);
    return isLocale(value) ? value : 'pt-BR';
  } catch {
    return 'pt-BR';
  }
}

const initial = storedLocale();
let current = $state<Locale>(initial);

void i18next.init({
  lng: initial,
  fallbackLng: 'pt-BR',
  initAsync: false,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  resources: { 'pt-BR': { translation: ptBR }, en: { translation: en } },
});
document.documentElement.lang = initial;

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this session only.
  }
}

export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return i18next.getFixedT(current)(key, values ?? {});
}
