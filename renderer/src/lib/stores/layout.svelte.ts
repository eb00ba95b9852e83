/**
 * Whether the window is wide enough for the list and the open ticket side by side. Below the
 * breakpoint the workspace shows one pane at a time.
 */
const splitQuery = '(min-width: 1100px)';

class LayoutStore {
  split = $state(true);

  constructor() {
    const media = window.matchMedia(splitQuery);
    this.split = media.matches;
    media.addEventListener('change', (event) => (this.split = event.matches));
  }
}

export const layout = new LayoutStore();
