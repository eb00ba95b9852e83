/**
 * The `session` area as the renderer sees it: failures arrive as contract errors with a code to
 * switch on, the reason the sign-in screen shows, and the Portuguese message the agent reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../preload/contract';
import { AppError } from '../../../preload/errors';
import { createSessionService } from '../../../main/api/session-service';
import { SessionManager } from '../../../main/session/session-manager';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { recordingWorkspaces, safeStorageSecrets, tempDirs } from './helpers';

describe('the session service', () => {
  const dirs = tempDirs();
  let sim: RunningSimulator;
  let manager: SessionManager;
  let service: Services['session'];
  const login = () => ({
    baseUrl: sim.url,
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    username: DEMO_ACCOUNT.username,
    password: DEMO_ACCOUNT.password,
    remember: false,
  });

  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, tickets: 10 });
    const dataDir = await dirs.make('service');
    manager = await SessionManager.create({
      dataDir,
      secrets: safeStorageSecrets(dataDir),
      openWorkspace: recordingWorkspaces().open,
      compatibility: { gapMs: 5 },
    });
    service = createSessionService(manager);
  });
  afterAll(async () => {
    await manager.dispose();
    await sim.close();
    await dirs.cleanup();
  });

  async function failureOf(work: () => unknown): Promise<AppError> {
    try {
      await work();
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected a failure');
  }

  it('starts signed out, saying where secrets are kept', async () => {
    expect(await service.status()).toEqual({
      state: 'signed_out',
      profile: null,
      userId: null,
      secretStorage: { kind: 'safe-storage', persistent: true },
      reason: null,
    });
  });

  it('a plain-http address on the network is invalid input, explained', async () => {
    const error = await failureOf(() =>
      service.login({ ...login(), baseUrl: 'http://hubsoft.provedor.com.br' }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', details: { reason: 'invalid_address' } });
    expect(error.message).toMatch(/^O endereço precisa usar https:\/\//);
  });

  it('a wrong password is unauthorized, saying it is the user or password', async () => {
    const error = await failureOf(() => service.login({ ...login(), password: 'errada' }));
    expect(error).toMatchObject({ code: 'unauthorized', details: { reason: 'wrong_credentials' } });
    expect(error.message).toMatch(/^O HubSoft recusou o usuário ou a senha\./);
  });

  it('a server that is down is unavailable, saying nothing answered', async () => {
    const down = await startSimulator({ tickets: 1 });
    await down.close();
    const error = await failureOf(() => service.login({ ...login(), baseUrl: down.url }));
    expect(error).toMatchObject({ code: 'unavailable', details: { reason: 'unreachable' } });
    expect(error.message).toMatch(/a conexão foi recusada/);
  });

  it('an unknown profile is not found, and demo mode without its server is unavailable', async () => {
    expect(await failureOf(() => service.switchProfile('nao-existe'))).toMatchObject({
      code: 'not_found',
    });
    expect(await failureOf(() => service.startDemo())).toMatchObject({
      code: 'unavailable',
      message: 'O modo de demonstração não está disponível aqui.',
    });
  });

  it('a sign-in that works answers the profile, and test connection answers its check', async () => {
    const status = await service.login(login());
    expect(status).toMatchObject({
      state: 'signed_in',
      profile: { baseUrl: sim.url, demo: false },
    });
    expect(await service.profiles()).toEqual([status.profile]);
    expect(await service.testConnection(login())).toMatchObject({
      ok: true,
      problem: null,
      code: 'ok',
      compatibility: { entries: expect.any(Array) as unknown },
    });
  });
});
