import type { ConnectionCheck } from '../../../preload/types';
import { actionProblemText, errorText, refusalText, type ActionProblem } from './error-text';
import { locale, t } from './i18n.svelte';

/**
 * Turns a rejected contract call into the message the agent reads, in the UI's language (see
 * error-text.ts). Refusals carry HubSoft's own words, so they are shown like any server text.
 */
export function errorMessage(error: unknown): string {
  return errorText(error, locale(), t);
}

/** What "Testar conexão" found wrong, in the UI's language (main writes it in Portuguese). */
export function connectionProblem(check: ConnectionCheck): string {
  return refusalText(
    { code: 'unavailable', reason: check.code, message: check.problem ?? '' },
    locale(),
    t,
  );
}

/** Why a queued action failed or waits, in the UI's language (main keeps it in Portuguese). */
export function actionProblemMessage(problem: ActionProblem): string {
  return actionProblemText(problem, locale(), t);
}
