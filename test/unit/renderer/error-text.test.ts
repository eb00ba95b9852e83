import { describe, expect, it } from 'vitest';
import { actionProblemText, errorText } from '../../../renderer/src/lib/error-text';
import type { UiLocale } from '../../../renderer/src/lib/locale-format';
import { bidiMarker } from '../../../renderer/src/lib/server-text';
import { en } from '../../../renderer/src/locales/en';
import { ptBR, type MessageKey } from '../../../renderer/src/locales/pt-BR';

/** The locale's sentence with its values filled in, as i18next does for these keys. */
function translator(locale: UiLocale) {
  const messages = locale === 'en' ? en : ptBR;
  return (key: MessageKey, values: Record<string, string> = {}) =>
    messages[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/** A rejected call as the bridge builds it on the renderer's side. */
function refusal(code: string, message: string, details?: unknown): Error {
  return Object.assign(new Error(message), { code, details });
}

const say = (error: unknown, locale: UiLocale) => errorText(error, locale, translator(locale));

describe('the message of a refused call', () => {
  it("shows HubSoft's words with a marker where a right-to-left override was", () => {
    const error = refusal(
      'unavailable',
      'Não é possível fechar: anexo fatura\u202Efdp.exe pendente',
      {
        reason: 'business',
      },
    );
    expect(say(error, 'pt-BR')).toBe(
      `Não é possível fechar: anexo fatura${bidiMarker}fdp.exe pendente`,
    );
  });

  it("keeps main's Portuguese message as it is in Portuguese", () => {
    const error = refusal('unauthorized', 'O HubSoft recusou o usuário ou a senha.', {
      reason: 'wrong_credentials',
    });
    expect(say(error, 'pt-BR')).toBe('O HubSoft recusou o usuário ou a senha.');
  });

  it('in English, says what went wrong by its code and reason, in English', () => {
    expect(
      say(
        refusal('unauthorized', 'O HubSoft recusou o usuário ou a senha.', {
          reason: 'wrong_credentials',
        }),
        'en',
      ),
    ).toBe('HubSoft refused the username or the password.');
    expect(
      say(
        refusal('unavailable', 'Não foi possível conectar ao servidor do HubSoft.', {
          reason: 'network',
        }),
        'en',
      ),
    ).toBe('Could not connect to the HubSoft server.');
    expect(say(refusal('not_found', 'Atendimento não encontrado no cache local.'), 'en')).toBe(
      'Not found.',
    );
    // A reason the renderer has no sentence for falls back to its code's.
    expect(say(refusal('unavailable', 'Falhou.', { reason: 'something_new' }), 'en')).toBe(
      'HubSoft cannot be reached right now. Try again in a moment.',
    );
  });

  it("in English, keeps HubSoft's own words as the detail of a refusal", () => {
    const error = refusal('unavailable', 'Atendimento já está fechado', { reason: 'business' });
    expect(say(error, 'en')).toBe('HubSoft refused the operation: Atendimento já está fechado');
    expect(say(refusal('invalid_input', 'O DDD 20 não existe. Confira o telefone.'), 'en')).toBe(
      'Some of the details are not valid: O DDD 20 não existe. Confira o telefone.',
    );
  });

  it('shows anything that is not a contract error as it came', () => {
    expect(say(new Error('Falha inesperada'), 'en')).toBe('Falha inesperada');
    expect(say('texto', 'pt-BR')).toBe('texto');
  });
});

describe('why a queued action failed, as the outbox and the timeline show it', () => {
  const show = (code: string, message: string, locale: UiLocale) =>
    actionProblemText({ code, message }, locale, translator(locale));

  it("keeps main's Portuguese words in Portuguese", () => {
    expect(
      show('business', 'Não é possível adicionar mensagem em um atendimento fechado.', 'pt-BR'),
    ).toBe('Não é possível adicionar mensagem em um atendimento fechado.');
  });

  it("reads in English by its kind, with HubSoft's words where they are the refusal", () => {
    expect(
      show('business', 'Não é possível adicionar mensagem em um atendimento fechado.', 'en'),
    ).toBe(
      'HubSoft refused the operation: Não é possível adicionar mensagem em um atendimento fechado.',
    );
    expect(show('network', 'Não foi possível conectar ao servidor do HubSoft.', 'en')).toBe(
      'Could not connect to the HubSoft server.',
    );
    expect(show('internal', 'Erro interno do HubDesk ao enviar.', 'en')).toBe(
      en['error.code.internal'],
    );
  });

  it("keeps main's words for a kind this version has no sentence for", () => {
    expect(show('needs_attention', 'O HubSoft não confirmou; confira o atendimento.', 'en')).toBe(
      'O HubSoft não confirmou; confira o atendimento.',
    );
  });
});
