import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  profilePaths,
  profilesFileName,
  ProfileRegistry,
  type ProfileIdentity,
} from '../../../main/session/profiles';

const server: ProfileIdentity = {
  baseUrl: 'https://api.provedor.hubsoft.com.br',
  clientId: '12',
  username: 'agente@provedor.com.br',
  demo: false,
};

describe('the profile registry', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hubdesk-profiles-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('remembers the active profile and its settings across runs, in profiles.json', async () => {
    const first = await ProfileRegistry.open(dataDir);
    const saved = await first.activate(first.draft(server), new Date('2026-11-26T12:00:00Z'));

    const next = await ProfileRegistry.open(dataDir);
    expect(next.active()).toEqual({
      ...server,
      id: saved.id,
      lastUsedAt: '2026-11-26T12:00:00.000Z',
    });
    const onDisk = JSON.parse(await readFile(join(dataDir, profilesFileName), 'utf8')) as unknown;
    expect(onDisk).toMatchObject({ activeProfileId: saved.id, profiles: [{ id: saved.id }] });
    // Written through a temp file renamed into place: no temp file is left behind.
    expect(await readdir(dataDir)).toEqual([profilesFileName]);
  });

  it('finds the same server, client and user again, whatever the case of the e-mail', async () => {
    const registry = await ProfileRegistry.open(dataDir);
    const saved = await registry.activate(registry.draft(server));
    expect(registry.find({ ...server, username: 'AGENTE@provedor.com.br' })?.id).toBe(saved.id);
    expect(registry.find({ ...server, clientId: '13' })).toBeNull();
    expect(registry.find({ ...server, demo: true })).toBeNull();
  });

  it('signing out keeps every profile listed, most recently used first', async () => {
    const registry = await ProfileRegistry.open(dataDir);
    const older = await registry.activate(registry.draft(server), new Date('2026-01-01T00:00:00Z'));
    const newer = await registry.activate(
      registry.draft({ ...server, username: 'outro@provedor.com.br' }),
      new Date('2026-02-01T00:00:00Z'),
    );
    await registry.deactivate();

    const next = await ProfileRegistry.open(dataDir);
    expect(next.active()).toBeNull();
    expect(next.list().map((profile) => profile.id)).toEqual([newer.id, older.id]);
  });

  it('a damaged profiles.json is set aside and the app starts with no profiles', async () => {
    await writeFile(join(dataDir, profilesFileName), '{"version":1,"profiles":[{"id":');
    const registry = await ProfileRegistry.open(dataDir);
    expect(registry.list()).toEqual([]);
    expect((await readdir(dataDir)).sort()).toEqual([`${profilesFileName}.corrupt`]);
  });

  it('each profile has its own cache file and staging folder', () => {
    expect(profilePaths('/dados', 'a1')).toEqual({
      cacheFile: join('/dados', 'profiles', 'a1', 'cache.sqlite'),
      stagingDir: join('/dados', 'profiles', 'a1', 'staged'),
    });
    expect(profilePaths('/dados', 'b2').cacheFile).not.toBe(profilePaths('/dados', 'a1').cacheFile);
  });
});
