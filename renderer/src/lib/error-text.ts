/**
 * What a refused contract call says to the agent, in the UI's language. Main writes its messages
 * in Portuguese (the app's default), so in Portuguese they are shown as they are; in English the
 * error's `code`, or the finer `details.reason`, picks the locale's sentence, and the server's own
 * words follow as detail where they are the point (a refusal by HubSoft). Pure: the caller passes
 * the locale and its translate function.
 */
import { errorCodes, type ErrorCode } from '../../../preload/errors';
import { ptBR, type MessageKey } from '../locales/pt-BR';
import type { UiLocale } from './locale-format';
import { shownText } from './server-text';

/** Reasons whose message is the server's (or the validator's) own account of what it refused. */
const reasonsWithServerWords = new Set(['validation', 'business', 'not_found', 'permission']);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[name]
    : undefined;
}

function reasonOf(error: unknown): string | null {
  const reason = field(field(error, 'details'), 'reason');
  return typeof reason === 'string' ? reason : null;
}

function isKey(key: string): key is MessageKey {
  return Object.hasOwn(ptBR, key);
}

type Translate = (key: MessageKey, values?: Record<string, string>) => string;

/** A refusal as data: the contract's code, the finer reason when main gave one, main's words. */
export interface Refusal {
  code: ErrorCode;
  reason: string | null;
  message: string;
}

export function errorText(error: unknown, locale: UiLocale, translate: Translate): string {
  const message = error instanceof Error ? error.message : String(error ?? '');
  const code = field(error, 'code');
  if (typeof code !== 'string' || !(errorCodes as readonly string[]).includes(code)) {
    return shownText(message);
  }
  return refusalText(
    { code: code as ErrorCode, reason: reasonOf(error), message },
    locale,
    translate,
  );
}

export function refusalText(refusal: Refusal, locale: UiLocale, translate: Translate): string {
  const { code, reason, message } = refusal;
  if (locale === 'pt-BR' && message) return shownText(message);
  const reasonKey = `error.reason.${reason ?? ''}`;
  const codeKey = `error.code.${code}`;
  const sentence = translate(
    isKey(reasonKey) ? reasonKey : isKey(codeKey) ? codeKey : 'error.code.internal',
  );
  const withWords =
    message && (reason === null ? code === 'invalid_input' : reasonsWithServerWords.has(reason));
  return withWords
    ? translate('error.withDetail', { sentence, detail: shownText(message) })
    : sentence;
}

/** An outbox action's last error as main kept it: HubSoft's error kind (or ours) and its words. */
export interface ActionProblem {
  code: string;
  message: string;
}

/**
 * A queued action's last error in the UI's language. Main keeps it in Portuguese; in English the
 * kind picks the sentence (HubSoft's words follow where they are the point), and a kind this
 * version has no sentence for keeps main's words rather than saying nothing.
 */
export function actionProblemText(
  problem: ActionProblem,
  locale: UiLocale,
  translate: Translate,
): string {
  if (locale === 'pt-BR') return shownText(problem.message);
  const reasonKey = `error.reason.${problem.code}`;
  const codeKey = `error.code.${problem.code}`;
  const key = isKey(reasonKey) ? reasonKey : isKey(codeKey) ? codeKey : null;
  if (key === null) return shownText(problem.message);
  const sentence = translate(key);
  return reasonsWithServerWords.has(problem.code) && problem.message
    ? translate('error.withDetail', { sentence, detail: shownText(problem.message) })
    : sentence;
}
