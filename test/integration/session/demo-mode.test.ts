/**
 * "Experimentar com dados de demonstração" from a fresh data folder: the simulator starts inside
 * the app, the demo profile signs in, tickets come from it, and stopping the app stops it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionService } from '../../../main/api/session-service';
import { createDemoMode, demoSeed, demoTickets, type DemoMode } from '../../../main/demo/demo-mode';
import { createMemoryStore } from '../../../main/secrets/memory-store';
import { SessionManager } from '../../../main/session/session-manager';
import { recordingWorkspaces, safeStorageSecrets, tempDirs } from './helpers';

/** Whether a HubSoft server answers there (demo mode serves no admin route to probe). */
async function reachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return response.status > 0;
  } catch {
    return false;
  }
}

describe('demo mode', () => {
  const dirs = tempDirs();
  const demos: DemoMode[] = [];
  const managers: SessionManager[] = [];

  async function app(dataDir: string) {
    const demo = createDemoMode();
    demos.push(demo);
    const workspaces = recordingWorkspaces();
    const manager = await SessionManager.create({
      dataDir,
      secrets: safeStorageSecrets(dataDir),
      openWorkspace: workspaces.open,
      demo,
    });
    managers.push(manager);
    return { demo, manager, workspaces, service: createSessionService(manager) };
  }

  afterEach(async () => {
    await Promise.all(managers.splice(0).map((manager) => manager.dispose()));
    await Promise.all(demos.splice(0).map((demo) => demo.dispose()));
    await dirs.cleanup();
  });

  it('from a fresh data folder, starts the in-app HubSoft, signs in and lists its tickets', async () => {
    expect({ demoSeed, demoTickets }).toEqual({ demoSeed: 2026, demoTickets: 3000 });
    const { demo, service, workspaces } = await app(await dirs.make('demo'));

    const status = await service.startDemo();
    expect(status).toMatchObject({
      state: 'signed_in',
      profile: { demo: true, baseUrl: demo.url(), username: 'agente@demo.local' },
    });
    expect(status.profile?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await reachable(status.profile?.baseUrl ?? '')).toBe(true);

    const workspace = workspaces.opened[0];
    const page = await workspace?.client.listTickets({ page: 0, perPage: 100 });
    expect(page?.tickets).toHaveLength(100);
    expect(page?.total).toBeGreaterThan(1000);

    expect((await service.startDemo()).profile?.id).toBe(status.profile?.id);
    expect(workspaces.opened).toHaveLength(1);
    expect(service.profiles()).toHaveLength(1);
  });

  it('stopping the app stops the simulator; the next start restarts it and signs in again', async () => {
    const dataDir = await dirs.make('demo-restart');
    const first = await app(dataDir);
    const before = await first.service.startDemo();
    const oldUrl = before.profile?.baseUrl ?? '';
    await first.manager.dispose();
    expect(first.demo.url()).toBeNull();
    expect(await reachable(oldUrl)).toBe(false);

    const next = await app(dataDir);
    const restored = await next.manager.restore();
    expect(restored).toMatchObject({
      state: 'signed_in',
      profile: { id: before.profile?.id, demo: true, baseUrl: next.demo.url() },
    });
    expect(await reachable(restored.profile?.baseUrl ?? '')).toBe(true);
    expect(await next.workspaces.opened[0]?.syncFirstPage()).toHaveLength(50);
  });

  it('signing out of the demo stops its simulator and keeps the demo profile listed', async () => {
    const { demo, service } = await app(await dirs.make('demo-logout'));
    const url = (await service.startDemo()).profile?.baseUrl ?? '';
    await service.logout({ purgeCache: true });
    expect(demo.url()).toBeNull();
    expect(await reachable(url)).toBe(false);
    expect(service.profiles()).toMatchObject([{ demo: true }]);
    expect(service.status()).toMatchObject({ state: 'signed_out', profile: null });
  });

  it('works with secrets kept only in memory (Linux without a keyring)', async () => {
    const dataDir = await dirs.make('demo-memory');
    const demo = createDemoMode({ tickets: 50 });
    demos.push(demo);
    const manager = await SessionManager.create({
      dataDir,
      secrets: createMemoryStore(),
      openWorkspace: recordingWorkspaces().open,
      demo,
    });
    managers.push(manager);
    expect(await manager.startDemo()).toMatchObject({
      state: 'signed_in',
      secretStorage: { kind: 'memory', persistent: false },
    });
  });
});
