import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch';
import { createAppService } from '../../../main/api/app-service';
import type { Services } from '../../../preload/contract';
import { AppError } from '../../../preload/errors';

const environment = {
  name: 'HubDesk',
  version: '1.2.3',
  platform: 'linux',
  shell: 'browser-host' as const,
  dataDir: '/data',
  defaultServerUrl: null,
};

/** Only the app area is real here: the dispatcher's decisions do not depend on the others. */
function servicesWithInfo(info: Services['app']['info']): Services {
  return { app: { info } } as unknown as Services;
}

const appOnly = (): Services => servicesWithInfo(createAppService(environment).info);

describe('the dispatcher', () => {
  it('answers a valid call with its value as data', async () => {
    const dispatch = createDispatcher(appOnly());
    expect(await dispatch('app.info', [])).toEqual({ ok: true, value: environment });
  });

  it.each(['nope', 'app', 'app.nope', '__proto__', 'constructor', 'app.__proto__', 42, null])(
    'refuses the unknown method %s without running anything',
    async (name) => {
      const dispatch = createDispatcher(appOnly());
      const result = await dispatch(name, []);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    },
  );

  it.each([[['extra']], [undefined], [{}], ['text'], [[1, 2, 3]]])(
    'refuses arguments that do not match the schema (%j) before the handler runs',
    async (args) => {
      let ran = false;
      const dispatch = createDispatcher(
        servicesWithInfo(() => {
          ran = true;
          return environment;
        }),
      );
      const result = await dispatch('app.info', args);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(ran).toBe(false);
    },
  );

  it('passes a service error code and message through to the caller', async () => {
    const dispatch = createDispatcher(
      servicesWithInfo(() => {
        throw new AppError('not_found', 'Atendimento não encontrado.', { key: 't:1' });
      }),
    );
    expect(await dispatch('app.info', [])).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Atendimento não encontrado.', details: { key: 't:1' } },
    });
  });

  it('hides the text of an unexpected error and reports it to main', async () => {
    const reported: unknown[] = [];
    const dispatch = createDispatcher(
      servicesWithInfo(() => {
        throw new Error('SQLITE_CORRUPT at /home/agent/secret/path');
      }),
      { onInternalError: (_name, error) => reported.push(error) },
    );
    const result = await dispatch('app.info', []);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Erro interno inesperado.' },
    });
    expect(reported).toHaveLength(1);
  });
});
