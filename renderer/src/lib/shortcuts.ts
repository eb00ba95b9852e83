/**
 * Single-key shortcuts for the whole workspace (j/k, Enter, r, n, c, /, g i, g o, ?, Esc). They
 * never fire while the agent types in a field, except Esc, which leaves the field.
 */
export interface ShortcutActions {
  next(): void;
  previous(): void;
  open(): void;
  reply(): void;
  newTicket(): void;
  close(): void;
  search(): void;
  inbox(): void;
  outbox(): void;
  help(): void;
  back(): void;
}

export const shortcutList = [
  { keys: 'j / k', action: 'shortcuts.move' },
  { keys: 'Enter', action: 'shortcuts.open' },
  { keys: 'r', action: 'shortcuts.reply' },
  { keys: 'Ctrl+Enter', action: 'shortcuts.send' },
  { keys: 'n', action: 'shortcuts.new' },
  { keys: 'c', action: 'shortcuts.close' },
  { keys: '/', action: 'shortcuts.search' },
  { keys: 'g i', action: 'shortcuts.inbox' },
  { keys: 'g o', action: 'shortcuts.outbox' },
  { keys: '?', action: 'shortcuts.help' },
  { keys: 'Esc', action: 'shortcuts.back' },
] as const;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

export function installShortcuts(actions: ShortcutActions): () => void {
  let awaitingG = false;
  let gTimer: ReturnType<typeof setTimeout> | null = null;

  const onKeydown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    // A modal dialog handles its own keys (Esc closes it natively).
    if (document.querySelector('dialog[open]')) return;
    if (typing(event.target)) {
      if (event.key === 'Escape') (event.target as HTMLElement).blur();
      return;
    }
    if (awaitingG) {
      awaitingG = false;
      if (gTimer) clearTimeout(gTimer);
      if (event.key === 'i') actions.inbox();
      else if (event.key === 'o') actions.outbox();
      else return;
      event.preventDefault();
      return;
    }
    const handlers: Record<string, () => void> = {
      j: actions.next,
      k: actions.previous,
      Enter: actions.open,
      r: actions.reply,
      n: actions.newTicket,
      c: actions.close,
      '/': actions.search,
      '?': actions.help,
      Escape: actions.back,
    };
    if (event.key === 'g') {
      awaitingG = true;
      gTimer = setTimeout(() => (awaitingG = false), 1500);
      event.preventDefault();
      return;
    }
    const handler = handlers[event.key];
    if (!handler) return;
    // Enter on a focused button or link keeps its own meaning.
    if (
      event.key === 'Enter' &&
      event.target instanceof HTMLElement &&
      event.target !== document.body
    ) {
      if (event.target.closest('button, a, [role="option"]')) return;
    }
    event.preventDefault();
    handler();
  };

  window.addEventListener('keydown', onKeydown);
  return () => {
    window.removeEventListener('keydown', onKeydown);
    if (gTimer) clearTimeout(gTimer);
  };
}
