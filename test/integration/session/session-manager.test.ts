/**
 * Sessions against the simulator over real HTTP, with the secrets in a real backend: the
 * safeStorage file always, and the OS keychain when a Secret Service answers (with-keyring.sh).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../preload/types';
import { HubsoftError } from '../../../main/hubsoft';
import type { SecretStore } from '../../../main/secrets';
import { SessionError } from '../../../main/session/errors';
import { SessionManager, type LoginInput } from '../../../main/session/session-manager';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import {
  keychainSecrets,
  keyringRequired,
  recordingWorkspaces,
  safeStorageSecrets,
  tempDirs,
} from './helpers';

interface Backend {
  name: string;
  /** The store the app would open on this data folder (again after a restart). */
  open(dataDir: string): SecretStore;
}

const keychain = await keychainSecrets();
if (keychain.missing && !keyringRequired) {
  console.warn(`Session tests on the OS keychain skipped: ${keychain.missing}`);
}
const backends: Backend[] = [
  { name: 'the safeStorage file', open: safeStorageSecrets },
  ...(keychain.store || keyringRequired
    ? [
        {
          name: 'the OS keychain',
          open: () => {
            if (!keychain.store) throw new Error(`Keychain required but ${keychain.missing}`);
            return keychain.store;
          },
        },
      ]
    : []),
];

function loginTo(sim: RunningSimulator, overrides: Partial<LoginInput> = {}): LoginInput {
  return {
    baseUrl: sim.url,
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    username: DEMO_ACCOUNT.username,
    password: DEMO_ACCOUNT.password,
    remember: false,
    ...overrides,
  };
}

async function revokeAllTokens(sim: RunningSimulator): Promise<void> {
  const response = await fetch(`${sim.url}/__sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ revokeTokens: true }),
  });
  expect(response.status).toBe(200);
}

describe.each(backends)('sessions with the secrets in $name', (backend) => {
  const dirs = tempDirs();
  const sims: RunningSimulator[] = [];
  const managers: SessionManager[] = [];
  const usedStores: { store: SecretStore; ids: () => string[] }[] = [];

  async function simulator(): Promise<RunningSimulator> {
    const sim = await startSimulator({ seed: 11, tickets: 30 });
    sims.push(sim);
    return sim;
  }

  async function app(dataDir: string) {
    const secrets = backend.open(dataDir);
    const workspaces = recordingWorkspaces();
    const manager = await SessionManager.create({
      dataDir,
      secrets,
      openWorkspace: workspaces.open,
    });
    managers.push(manager);
    usedStores.push({ store: secrets, ids: () => manager.profiles().map((p) => p.id) });
    return { manager, secrets, workspaces };
  }

  afterEach(async () => {
    await Promise.all(managers.splice(0).map((manager) => manager.dispose()));
    // The keychain outlives the test: leave none of this run's entries in it.
    for (const { store, ids } of usedStores.splice(0)) {
      for (const id of ids()) await store.deleteProfile(id);
    }
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
    await dirs.cleanup();
  });

  it('with "remember" the password is kept with the client secret and tokens; without it, it is not', async () => {
    const sim = await simulator();
    const { manager, secrets } = await app(await dirs.make('remember'));

    const remembered = await manager.login(loginTo(sim, { remember: true }));
    expect(remembered.state).toBe('signed_in');
    const id = remembered.profile?.id ?? '';
    expect(await secrets.get(id, 'password')).toBe(DEMO_ACCOUNT.password);
    expect(await secrets.get(id, 'client-secret')).toBe(DEMO_ACCOUNT.clientSecret);
    expect(JSON.parse((await secrets.get(id, 'tokens')) ?? '{}')).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresAt: expect.any(Number),
    });

    const forgotten = await manager.login(loginTo(sim, { remember: false }));
    expect(forgotten.profile?.id).toBe(id);
    expect(await secrets.get(id, 'password')).toBeNull();
    expect(await secrets.get(id, 'client-secret')).toBe(DEMO_ACCOUNT.clientSecret);
  });

  it('two servers are two profiles with their own secrets and cache files; switching reopens each', async () => {
    const [simA, simB] = [await simulator(), await simulator()];
    const { manager, secrets, workspaces } = await app(await dirs.make('two'));

    const a = (await manager.login(loginTo(simA, { remember: true }))).profile;
    const b = (await manager.login(loginTo(simB, { remember: false }))).profile;
    if (!a || !b) throw new Error('both sign-ins should give a profile');
    expect(a.id).not.toBe(b.id);
    expect(
      manager
        .profiles()
        .map((p) => p.baseUrl)
        .sort(),
    ).toEqual([simA.url, simB.url].sort());
    expect(await secrets.get(a.id, 'password')).toBe(DEMO_ACCOUNT.password);
    expect(await secrets.get(b.id, 'password')).toBeNull();
    expect(await secrets.get(a.id, 'tokens')).not.toBe(await secrets.get(b.id, 'tokens'));

    const [first, second] = workspaces.opened;
    expect(first?.closed).toBe(true);
    expect(second?.profile.cacheFile).not.toBe(first?.profile.cacheFile);

    const back = await manager.switchProfile(a.id);
    expect(back).toMatchObject({ state: 'signed_in', profile: { id: a.id, baseUrl: simA.url } });
    const reopened = workspaces.opened[2];
    expect(second?.closed).toBe(true);
    expect(reopened?.profile.cacheFile).toBe(first?.profile.cacheFile);
    expect(await reopened?.syncFirstPage()).toHaveLength(30);
  });

  it('signing out deletes that profile’s secrets only, keeps it listed, and purges its cache when asked', async () => {
    const [simA, simB] = [await simulator(), await simulator()];
    const { manager, secrets, workspaces } = await app(await dirs.make('logout'));
    const a = (await manager.login(loginTo(simA, { remember: true }))).profile;
    const b = (await manager.login(loginTo(simB, { remember: true }))).profile;
    if (!a || !b) throw new Error('both sign-ins should give a profile');
    const workspace = workspaces.opened[1];
    const [ticketKey] = (await workspace?.syncFirstPage()) ?? [];
    await workspace?.store.enqueueAction({
      kind: 'reply',
      ticketKey: ticketKey ?? '',
      payload: { text: 'Resposta na fila' },
    });

    const events: SessionStatus[] = [];
    manager.onChange((status) => events.push(status));
    expect(await manager.logout({ purgeCache: true })).toEqual({
      outboxKept: 1,
      cachePurged: true,
    });

    for (const name of ['tokens', 'client-secret', 'password'] as const) {
      expect(await secrets.get(b.id, name)).toBeNull();
    }
    expect(await secrets.get(a.id, 'client-secret')).toBe(DEMO_ACCOUNT.clientSecret);
    expect(await secrets.get(a.id, 'tokens')).not.toBeNull();
    expect(workspace).toMatchObject({ closed: true, purged: true });
    expect(manager.status()).toMatchObject({ state: 'signed_out', profile: null });
    expect(events.map((status) => status.state)).toEqual(['signed_out']);
    expect(
      manager
        .profiles()
        .map((p) => p.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
  });

  it('signing out without purging keeps the cache and says how many queued actions remain', async () => {
    const sim = await simulator();
    const { manager, workspaces } = await app(await dirs.make('keep'));
    await manager.login(loginTo(sim));
    expect(await manager.logout({ purgeCache: false })).toEqual({
      outboxKept: 0,
      cachePurged: false,
    });
    expect(workspaces.opened[0]).toMatchObject({ closed: true, purged: false });
  });

  it('after a restart the session comes back without the agent, from the stored tokens', async () => {
    const sim = await simulator();
    const dataDir = await dirs.make('restore');
    const first = await app(dataDir);
    const profile = (await first.manager.login(loginTo(sim))).profile;
    await first.manager.dispose();

    const next = await app(dataDir);
    expect(next.manager.status()).toMatchObject({
      state: 'signed_out',
      profile: { id: profile?.id },
    });
    expect(await next.manager.restore()).toMatchObject({
      state: 'signed_in',
      profile: { id: profile?.id, baseUrl: sim.url },
      reason: null,
    });
    const workspace = next.workspaces.opened[0];
    expect(workspace?.profile.cacheFile).toContain(profile?.id);
    expect(await workspace?.syncFirstPage()).toHaveLength(30);
  });

  it('after a restart with the tokens gone and no password kept, the agent is asked to sign in, cache open', async () => {
    const sim = await simulator();
    const dataDir = await dirs.make('gone');
    const first = await app(dataDir);
    const id = (await first.manager.login(loginTo(sim))).profile?.id ?? '';
    await first.manager.dispose();
    await first.secrets.delete(id, 'tokens');

    const next = await app(dataDir);
    expect(await next.manager.restore()).toMatchObject({
      state: 'needs_reauth',
      profile: { id },
      reason:
        'A sessão no HubSoft terminou e a senha não foi guardada. Entre novamente para continuar.',
    });
    expect(next.workspaces.opened).toHaveLength(1);
  });

  it('revoked tokens without a remembered password: needs_reauth, the workspace stays, and signing in resumes it', async () => {
    const sim = await simulator();
    const { manager, workspaces } = await app(await dirs.make('revoked'));
    await manager.login(loginTo(sim));
    const workspace = workspaces.opened[0];
    if (!workspace) throw new Error('the workspace should be open');
    await workspace.store.saveDraft('new-ticket', { text: 'Cliente sem sinal desde ontem' });
    expect(await workspace.syncFirstPage()).toHaveLength(30);

    const events: SessionStatus[] = [];
    manager.onChange((status) => events.push(status));
    await revokeAllTokens(sim);
    const failure = await workspace.syncFirstPage().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HubsoftError);
    expect((failure as HubsoftError).kind).toBe('auth');

    expect(manager.status()).toMatchObject({ state: 'needs_reauth', reason: expect.any(String) });
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toMatch(/Entre novamente/);
    expect(workspace.closed).toBe(false);

    expect((await manager.login(loginTo(sim))).state).toBe('signed_in');
    expect(workspaces.opened).toHaveLength(1);
    expect(workspace.closed).toBe(false);
    expect(await workspace.syncFirstPage()).toHaveLength(30);
    expect((await workspace.store.getDraft('new-ticket'))?.value).toEqual({
      text: 'Cliente sem sinal desde ontem',
    });
    expect(events.map((status) => status.state)).toEqual(['needs_reauth', 'signed_in']);
  });

  it('revoked tokens with the password remembered: the client signs in again silently', async () => {
    const sim = await simulator();
    const { manager, workspaces } = await app(await dirs.make('silent'));
    await manager.login(loginTo(sim, { remember: true }));
    const events: SessionStatus[] = [];
    manager.onChange((status) => events.push(status));

    await revokeAllTokens(sim);
    expect(await workspaces.opened[0]?.syncFirstPage()).toHaveLength(30);
    expect(manager.status().state).toBe('signed_in');
    expect(events).toEqual([]);
  });

  it('a password remembered at re-sign-in is used by the same client after the next revocation', async () => {
    const sim = await simulator();
    const { manager, workspaces } = await app(await dirs.make('resume-remember'));
    await manager.login(loginTo(sim));
    const workspace = workspaces.opened[0];
    await revokeAllTokens(sim);
    await workspace?.syncFirstPage().catch(() => undefined);
    expect(manager.status().state).toBe('needs_reauth');

    await manager.login(loginTo(sim, { remember: true }));
    await revokeAllTokens(sim);
    expect(await workspace?.syncFirstPage()).toHaveLength(30);
    expect(manager.status().state).toBe('signed_in');
  });

  it('a refused sign-in says exactly what is wrong and leaves the open session as it was', async () => {
    const [simA, simB] = [await simulator(), await simulator()];
    const { manager, workspaces } = await app(await dirs.make('refused'));
    const a = (await manager.login(loginTo(simA))).profile;

    const wrongPassword = await manager
      .login(loginTo(simA, { password: 'senha-errada' }))
      .catch((error: unknown) => error);
    expect(wrongPassword).toBeInstanceOf(SessionError);
    expect(wrongPassword).toMatchObject({ code: 'wrong_credentials' });

    const wrongClient = await manager
      .login(loginTo(simB, { clientSecret: 'outro' }))
      .catch((error: unknown) => error);
    expect(wrongClient).toMatchObject({ code: 'wrong_client' });

    expect(manager.status()).toMatchObject({ state: 'signed_in', profile: { id: a?.id } });
    expect(manager.profiles()).toHaveLength(1);
    expect(workspaces.opened).toHaveLength(1);
    expect(await workspaces.opened[0]?.syncFirstPage()).toHaveLength(30);
  });
});
