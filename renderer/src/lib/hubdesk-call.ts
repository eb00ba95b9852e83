import { shownText } from './server-text';

/**
 * Turns a rejected contract call into the message the agent reads. Refusals carry HubSoft's own
 * words, so they are shown like any server text.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return shownText(error.message);
  return shownText(String(error));
}
