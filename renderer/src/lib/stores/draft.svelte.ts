/**
 * A draft kept by main: restored when its screen opens, saved within a second of the last
 * keystroke, flushed when the screen closes or the page unloads, so nothing typed is lost.
 */
import { hubdesk } from '../hubdesk';

const saveDelayMs = 400;

export class DraftBox<T> {
  value = $state<T>() as T;
  restored = $state(false);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;

  constructor(
    readonly key: string,
    private readonly empty: T,
    private readonly accept: (stored: unknown) => T | null,
  ) {
    this.value = empty;
  }

  /** Loads the stored draft and keeps saving until the returned function runs. */
  start(): () => void {
    const flush = () => void this.flush();
    window.addEventListener('pagehide', flush);
    void hubdesk()
      .drafts.get(this.key)
      .then(
        (draft) => {
          const stored = draft ? this.accept(draft.value) : null;
          // Keep what the agent typed while the stored draft was on its way.
          if (stored !== null && !this.dirty) this.value = stored;
        },
        () => undefined,
      )
      .finally(() => (this.restored = true));
    return () => {
      window.removeEventListener('pagehide', flush);
      void this.flush();
    };
  }

  set(next: T): void {
    this.value = next;
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), saveDelayMs);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await hubdesk().drafts.save(this.key, this.value);
    } catch {
      // Main not reachable: keep the draft dirty so the next keystroke or close retries it.
      this.dirty = true;
    }
  }

  /** After the text was sent: the draft is gone on both sides. */
  async clear(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
    this.value = this.empty;
    await hubdesk()
      .drafts.discard(this.key)
      .catch(() => undefined);
  }
}
