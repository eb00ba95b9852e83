import type { Messages } from './pt-BR';

export const en: Messages = {
  'app.tagline': 'HubSoft tickets, even offline',
  'app.loading': 'Loading…',
  'app.loadFailed': 'Could not read the app information: {{message}}',
  'about.title': 'About this HubDesk',
  'about.version': 'Version',
  'about.platform': 'System',
  'about.shell': 'Shell',
  'about.dataDir': 'Data folder',
  'shell.electron': 'Desktop app',
  'shell.browser-host': 'Browser (local host)',
  'settings.language': 'Language',
  'language.pt-BR': 'Português (Brasil)',
  'language.en': 'English',
};
