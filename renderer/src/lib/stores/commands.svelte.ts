/** What the shortcuts r and c do on the screen shown now; the ticket screen fills these in. */
class ScreenCommands {
  reply = $state<(() => void) | null>(null);
  close = $state<(() => void) | null>(null);
  /** `/`: the screen's search field. */
  search = $state<(() => void) | null>(null);
}

export const commands = new ScreenCommands();
