/**
 * Text that came from the server, made safe to show. HubSoft names and messages are typed by
 * anyone: a right-to-left override (U+202E) makes "fatura\u202Efdp.exe" read as "fatura.pdf", and
 * the Linux notification daemons render markup in a notification's body.
 */

/** Embeddings, overrides, isolates and direction marks: what can make text display reversed. */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Shown where a control character was: one UTF-16 unit, so search highlight ranges still line up. */
export const bidiMarker = '\ufffd';

/** Server text as the agent sees it: every bidirectional control replaced by a visible marker. */
export function shownText(text: string): string {
  return text.replace(bidiControls, bidiMarker);
}

const markupEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * A notification's text. Where the daemon renders markup (Electron's notifications on Linux go to
 * libnotify as body markup), `<`, `>` and `&` are escaped so "<b>" in a name stays text.
 */
export function notificationText(text: string, rendersMarkup: boolean): string {
  const shown = shownText(text);
  return rendersMarkup ? shown.replace(/[&<>]/g, (char) => markupEntities[char] ?? char) : shown;
}
