/**
 * After a whole session (test connection, a refused and an accepted sign-in, API calls cached in
 * SQLite, a revocation that needs the agent, a re-sign-in with "remember", a silent recovery,
 * sign-out), no token, password or client secret is in any file of the data folder, nor in
 * anything the session service answered or pushed as an event. Failures name where a secret was
 * found, never the secret itself.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionService, toAppError } from '../../../main/api/session-service';
import type { SecretStore } from '../../../main/secrets';
import { SessionManager } from '../../../main/session/session-manager';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import {
  keychainSecrets,
  keyringRequired,
  recordingWorkspaces,
  safeStorageSecrets,
  tempDirs,
} from './helpers';
import { startPrivateHubsoft, type PrivateHubsoft } from './private-hubsoft';

interface Needle {
  label: string;
  forms: Buffer[];
}

function needlesOf(hub: PrivateHubsoft): Needle[] {
  const values = [
    { label: 'the client secret', value: hub.clientSecret },
    { label: 'the password', value: hub.password },
    ...hub.issuedTokens().map((value, index) => ({ label: `token #${index + 1}`, value })),
  ];
  return values.map(({ label, value }) => ({
    label,
    forms: [Buffer.from(value, 'utf8'), Buffer.from(Buffer.from(value).toString('base64'))],
  }));
}

function findNeedles(bytes: Buffer, needles: Needle[], where: string): string[] {
  return needles
    .filter((needle) => needle.forms.some((form) => bytes.includes(form)))
    .map((needle) => `${needle.label} in ${where}`);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function scanDataFolder(dataDir: string, needles: Needle[]) {
  const files = await filesUnder(dataDir);
  const found: string[] = [];
  const contents = new Map<string, Buffer>();
  for (const file of files) {
    const bytes = await readFile(file);
    contents.set(relative(dataDir, file), bytes);
    found.push(...findNeedles(bytes, needles, relative(dataDir, file)));
  }
  return { found, contents };
}

const keychain = await keychainSecrets();
if (keychain.missing && !keyringRequired) {
  console.warn(`Secrets scan on the OS keychain skipped: ${keychain.missing}`);
}
const backends: { name: string; open(dataDir: string): SecretStore }[] = [
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

describe.each(backends)('no secret leaks with the secrets in $name', (backend) => {
  const dirs = tempDirs();
  let sim: RunningSimulator | null = null;
  let hub: PrivateHubsoft | null = null;
  let manager: SessionManager | null = null;

  afterEach(async () => {
    await manager?.dispose();
    await hub?.close();
    await sim?.close();
    await dirs.cleanup();
  });

  it('a full session leaves no token, password or client secret in the data folder or in what the renderer got', async () => {
    sim = await startSimulator({ seed: 5, tickets: 40 });
    hub = await startPrivateHubsoft(sim);
    const dataDir = await dirs.make('scan');
    const workspaces = recordingWorkspaces();
    manager = await SessionManager.create({
      dataDir,
      secrets: backend.open(dataDir),
      openWorkspace: workspaces.open,
    });
    const service = createSessionService(manager);
    const toRenderer: unknown[] = [];
    manager.onChange((status) => toRenderer.push(status));
    const answer = async <T>(work: () => T | Promise<T>): Promise<T> => {
      try {
        const value = await work();
        toRenderer.push(value);
        return value;
      } catch (error) {
        toRenderer.push({ ...(error as object), message: (error as Error).message });
        throw error;
      }
    };

    const input = {
      baseUrl: hub.url,
      clientId: hub.clientId,
      clientSecret: hub.clientSecret,
      username: hub.username,
      password: hub.password,
    };
    expect((await answer(() => service.testConnection(input))).code).toBe('ok');
    await expect(
      answer(() => service.login({ ...input, password: 'senha-errada', remember: false })),
    ).rejects.toMatchObject({ code: 'unauthorized', details: { reason: 'wrong_credentials' } });
    expect((await answer(() => service.login({ ...input, remember: false }))).state).toBe(
      'signed_in',
    );

    const workspace = workspaces.opened[0];
    if (!workspace) throw new Error('the workspace should be open');
    const [ticketKey] = await workspace.syncFirstPage();
    await workspace.store.saveDraft(`reply:${ticketKey ?? ''}`, { text: 'Rascunho da resposta' });
    await workspace.store.enqueueAction({
      kind: 'reply',
      ticketKey: ticketKey ?? '',
      payload: { text: 'Resposta na fila' },
    });

    hub.revokeAll();
    const failure = await workspace.syncFirstPage().catch((error: unknown) => error);
    toRenderer.push(toAppError(failure));
    expect((await answer(() => service.status())).state).toBe('needs_reauth');
    expect((await answer(() => service.login({ ...input, remember: true }))).state).toBe(
      'signed_in',
    );

    hub.revokeAll();
    expect(await workspace.syncFirstPage()).toHaveLength(40);
    await answer(() => service.profiles());
    expect((await answer(() => service.status())).state).toBe('signed_in');

    // Test connection, two sign-ins and the silent recovery each got a pair of tokens.
    const needles = needlesOf(hub);
    expect(needles.length).toBe(2 + 4 * 2);

    const whileOpen = await scanDataFolder(dataDir, needles);
    expect(whileOpen.found).toEqual([]);
    // The scan reads real bytes: the cached tickets are in the SQLite files it searched.
    const cached = [...whileOpen.contents]
      .filter(([name]) => name.includes('cache.sqlite'))
      .map(([, bytes]) => bytes);
    expect(cached.some((bytes) => bytes.includes(Buffer.from('Resposta na fila')))).toBe(true);
    if (backend.name === 'the safeStorage file') {
      expect(whileOpen.contents.get('secrets.json')?.length ?? 0).toBeGreaterThan(0);
    }

    expect(await answer(() => service.logout({ purgeCache: false }))).toEqual({
      outboxKept: 1,
      cachePurged: false,
    });
    const afterSignOut = await scanDataFolder(dataDir, needles);
    expect(afterSignOut.found).toEqual([]);
    expect([...afterSignOut.contents.keys()].some((name) => name.endsWith('cache.sqlite'))).toBe(
      true,
    );

    const sent = Buffer.from(JSON.stringify(toRenderer));
    expect(toRenderer.length).toBeGreaterThan(8);
    expect(findNeedles(sent, needles, 'what the session service answered')).toEqual([]);
  });
});
