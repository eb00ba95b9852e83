import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkForUpdatesOnStart,
  decideUpdateCheck,
  defaultUpdateSettings,
  loadUpdateSettings,
  parseUpdateSettings,
  type UpdateLog,
  type Updater,
} from '../../../main/app/updates';

/** Stands in for electron-updater's autoUpdater: records what it was asked, fails on demand. */
class FakeUpdater implements Updater {
  feeds: unknown[] = [];
  checks = 0;
  errorListeners: Array<(error: Error) => void> = [];
  constructor(private readonly failWith: Error | null = null) {}
  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }
  async checkForUpdatesAndNotify(): Promise<unknown> {
    this.checks += 1;
    if (this.failWith) throw this.failWith;
    return null;
  }
  on(_event: 'error', listener: (error: Error) => void): this {
    this.errorListeners.push(listener);
    return this;
  }
}

class RecordingLog implements UpdateLog {
  lines: Array<{ level: string; message: string; details: object }> = [];
  info(details: object, message: string) {
    this.lines.push({ level: 'info', message, details });
  }
  warn(details: object, message: string) {
    this.lines.push({ level: 'warn', message, details });
  }
}

const feed = 'https://updates.isp.com.br/hubdesk/';
const packaged = { isPackaged: true };

describe('whether HubDesk checks for updates on start', () => {
  it('checks the feed set in the settings', () => {
    expect(decideUpdateCheck({ feedUrl: feed, checkOnStart: true }, packaged)).toEqual({
      check: true,
      feedUrl: feed,
    });
  });

  it.each([
    ['no feed is set (the default)', defaultUpdateSettings, packaged, 'no_feed'],
    ['the agent opted out', { feedUrl: feed, checkOnStart: false }, packaged, 'opted_out'],
    [
      'it runs from source',
      { feedUrl: feed, checkOnStart: true },
      { isPackaged: false },
      'not_packaged',
    ],
    [
      'the feed is plain http',
      { feedUrl: 'http://updates.isp.com.br/', checkOnStart: true },
      packaged,
      'invalid_feed',
    ],
    [
      'the feed carries a password',
      { feedUrl: 'https://u:p@updates.isp.com.br/', checkOnStart: true },
      packaged,
      'invalid_feed',
    ],
    [
      'the feed is not an address',
      { feedUrl: 'updates', checkOnStart: true },
      packaged,
      'invalid_feed',
    ],
  ])('does not check when %s', (_label, settings, app, reason) => {
    expect(decideUpdateCheck(settings, app)).toEqual({ check: false, reason });
  });

  it('accepts plain http only for a server on this machine', () => {
    const local = 'http://127.0.0.1:8080/feed/';
    expect(decideUpdateCheck({ feedUrl: local, checkOnStart: true }, packaged)).toEqual({
      check: true,
      feedUrl: local,
    });
  });
});

describe('the update settings', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('read the feed and the opt-out from settings.json', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hubdesk-updates-'));
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ updates: { feedUrl: ` ${feed} `, checkOnStart: false }, other: 1 }),
    );
    expect(await loadUpdateSettings(dir)).toEqual({ feedUrl: feed, checkOnStart: false });
  });

  it('fall back to no feed when the file is missing or broken', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hubdesk-updates-'));
    expect(await loadUpdateSettings(dir)).toEqual(defaultUpdateSettings);
    writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    expect(await loadUpdateSettings(dir)).toEqual(defaultUpdateSettings);
  });

  it('ignore values of the wrong type instead of failing', () => {
    expect(parseUpdateSettings({ updates: { feedUrl: 42, checkOnStart: 'no' } })).toEqual(
      defaultUpdateSettings,
    );
    expect(parseUpdateSettings({ updates: { feedUrl: '' } })).toEqual(defaultUpdateSettings);
    expect(parseUpdateSettings(null)).toEqual(defaultUpdateSettings);
  });
});

describe('the start-up update check', () => {
  it('points electron-updater at the generic feed and asks it to check', async () => {
    const updater = new FakeUpdater();
    const log = new RecordingLog();
    const decision = await checkForUpdatesOnStart({
      loadUpdater: async () => updater,
      settings: { feedUrl: feed, checkOnStart: true },
      isPackaged: true,
      log,
    });
    expect(decision).toEqual({ check: true, feedUrl: feed });
    expect(updater.feeds).toEqual([{ provider: 'generic', url: feed }]);
    expect(updater.checks).toBe(1);
  });

  it('does not even load the updater when it should not check', async () => {
    let loaded = 0;
    const log = new RecordingLog();
    await checkForUpdatesOnStart({
      loadUpdater: async () => {
        loaded += 1;
        return new FakeUpdater();
      },
      settings: defaultUpdateSettings,
      isPackaged: true,
      log,
    });
    expect(loaded).toBe(0);
    expect(log.lines).toEqual([
      { level: 'info', message: 'update check skipped', details: { reason: 'no_feed' } },
    ]);
  });

  it('logs a failed check and carries on', async () => {
    const updater = new FakeUpdater(new Error('net::ERR_NAME_NOT_RESOLVED'));
    const log = new RecordingLog();
    await expect(
      checkForUpdatesOnStart({
        loadUpdater: async () => updater,
        settings: { feedUrl: feed, checkOnStart: true },
        isPackaged: true,
        log,
      }),
    ).resolves.toEqual({ check: true, feedUrl: feed });
    expect(log.lines.at(-1)).toMatchObject({ level: 'warn', message: 'update check failed' });
  });

  it('logs an updater that cannot load and carries on', async () => {
    const log = new RecordingLog();
    const decision = await checkForUpdatesOnStart({
      loadUpdater: () => Promise.reject(new Error('Electron failed to install correctly')),
      settings: { feedUrl: feed, checkOnStart: true },
      isPackaged: true,
      log,
    });
    expect(decision.check).toBe(true);
    expect(log.lines.at(-1)).toMatchObject({ level: 'warn', message: 'update check failed' });
  });

  it('logs an error the updater reports later, such as a failed download', async () => {
    const updater = new FakeUpdater();
    const log = new RecordingLog();
    await checkForUpdatesOnStart({
      loadUpdater: async () => updater,
      settings: { feedUrl: feed, checkOnStart: true },
      isPackaged: true,
      log,
    });
    for (const listener of updater.errorListeners) listener(new Error('sha512 checksum mismatch'));
    expect(log.lines.at(-1)).toMatchObject({ level: 'warn', message: 'update failed' });
  });
});
