import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../main/api/core';

const opened: { core: Core; dataDir: string }[] = [];

async function core(options: { demo: boolean; dataDir?: string }) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'hubdesk-core-'));
  const started = await startCore({
    environment: {
      name: 'HubDesk',
      version: '0.0.0',
      platform: process.platform,
      shell: 'browser-host',
      dataDir,
      defaultServerUrl: null,
    },
    demo: options.demo,
  });
  opened.push({ core: started, dataDir });
  return { ...started, dataDir };
}

afterEach(async () => {
  for (const { core: started, dataDir } of opened.splice(0)) {
    await started.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('the core both shells run', () => {
  it('opens on the sign-in screen when started without --demo on a fresh machine', async () => {
    const started = await core({ demo: false });
    expect((await started.services.session.status()).state).toBe('signed_out');
    await expect((async () => started.services.tickets.list({}))()).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('starts in demo mode on a fresh machine with --demo and fills the inbox from the simulator', async () => {
    const started = await core({ demo: true });
    const status = await started.services.session.status();
    expect(status).toMatchObject({ state: 'signed_in', profile: { demo: true } });
    await expect
      .poll(async () => (await started.services.tickets.list({ limit: 10 })).items.length, {
        timeout: 30_000,
      })
      .toBe(10);
  });

  it('knows the agent\'s HubSoft user from the token, so "my tickets" lists only theirs', async () => {
    const started = await core({ demo: true });
    const { userId } = await started.services.session.status();
    // The simulator's API user, the subject of its Passport-style access tokens.
    expect(userId).toBe(4903);
    await expect
      .poll(
        async () => (await started.services.tickets.list({ mine: true, limit: 20 })).items.length,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    const mine = await started.services.tickets.list({ mine: true, limit: 50 });
    expect(mine.items.every((ticket) => ticket.responsibleUserIds.includes(4903))).toBe(true);
    const all = await started.services.tickets.list({ limit: 50 });
    expect(all.total).toBeGreaterThan(mine.total);
  });

  it('reports upload progress to the renderer while an attachment is sent', async () => {
    const started = await core({ demo: true });
    const progress: { sentBytes: number; totalBytes: number | null }[] = [];
    started.events.subscribe((event, payload) => {
      if (event === 'upload') progress.push(payload as (typeof progress)[number]);
    });
    await expect
      .poll(
        async () =>
          (await started.services.tickets.list({ status: 'open', limit: 1 })).items.length,
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    const [ticket] = (await started.services.tickets.list({ status: 'open', limit: 1 })).items;
    const staged = await started.services.attachments.stage({
      name: 'laudo.pdf',
      mimeType: 'application/pdf',
      base64: Buffer.alloc(512 * 1024, 7).toString('base64'),
    });
    await started.services.actions.attach(ticket!.key, [staged.id]);
    // Progress arrives as the bytes go out, and ends with all of them sent.
    await expect
      .poll(() => progress.some((p) => p.totalBytes !== null && p.sentBytes === p.totalBytes), {
        timeout: 30_000,
      })
      .toBe(true);
    expect(progress[0]!.totalBytes).toBeGreaterThan(512 * 1024);
  });

  it('does not replace an account the agent set up with demo data', async () => {
    const first = await core({ demo: true });
    // The agent signs in to a server of their own (here the running simulator, as a real account).
    const { baseUrl } = (await first.services.session.status()).profile!;
    await first.services.session.login({
      baseUrl,
      clientId: 'hubdesk-demo',
      clientSecret: 'demo-secret',
      username: 'agente@demo.local',
      password: 'demo',
      remember: false,
    });
    await first.services.session.logout({ purgeCache: false });
    await first.dispose();
    opened.splice(0);

    const second = await core({ demo: true, dataDir: first.dataDir });
    expect((await second.services.session.status()).state).toBe('signed_out');
  });
});
