/** pt-BR, the default language. Every other locale has exactly these keys. */
export const ptBR = {
  'app.tagline': 'Atendimentos HubSoft, mesmo sem conexão',
  'app.loading': 'Carregando…',
  'app.loadFailed': 'Não foi possível ler as informações do aplicativo: {{message}}',
  'about.title': 'Sobre este HubDesk',
  'about.version': 'Versão',
  'about.platform': 'Sistema',
  'about.shell': 'Ambiente',
  'about.dataDir': 'Pasta de dados',
  'shell.electron': 'Aplicativo desktop',
  'shell.browser-host': 'Navegador (host local)',
  'settings.language': 'Idioma',
  'language.pt-BR': 'Português (Brasil)',
  'language.en': 'English',
} as const;

export type MessageKey = keyof typeof ptBR;
export type Messages = Record<MessageKey, string>;
