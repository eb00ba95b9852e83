/** The agent's choices on this machine: theme and notifications. */
import { readStored, writeStored } from '../local-store';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

interface Preferences {
  theme: Theme;
  notifications: boolean;
}

const storageKey = 'hubdesk.preferences';

function stored(): Preferences {
  const value = readStored(storageKey);
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const theme = themes.find((option) => option === record.theme) ?? 'system';
  return { theme, notifications: record.notifications !== false };
}

class PreferencesStore {
  theme = $state<Theme>('system');
  notifications = $state(true);

  constructor() {
    const initial = stored();
    this.theme = initial.theme;
    this.notifications = initial.notifications;
    this.applyTheme();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.applyTheme();
    this.save();
  }

  setNotifications(enabled: boolean): void {
    this.notifications = enabled;
    this.save();
  }

  /** `system` leaves it to the OS (color-scheme); the others pin the scheme in theme.css. */
  private applyTheme(): void {
    const root = document.documentElement;
    if (this.theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.theme;
  }

  private save(): void {
    writeStored(storageKey, { theme: this.theme, notifications: this.notifications });
  }
}

export const preferences = new PreferencesStore();
