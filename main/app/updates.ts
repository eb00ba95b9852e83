/**
 * Updates through electron-updater from a generic feed (a plain folder of release files on any
 * web server) whose address the company sets in `<dataDir>/settings.json`:
 *
 *   { "updates": { "feedUrl": "https://updates.example.com/hubdesk/", "checkOnStart": true } }
 *
 * No address, no check: HubDesk is installed from many providers' own servers and has no feed of
 * its own. `checkOnStart: false` opts out. A failed check is logged and otherwise ignored: an
 * update must never keep the agent from working.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { appSettingsFileName } from '../api/diagnostics';

export interface UpdateSettings {
  feedUrl: string | null;
  checkOnStart: boolean;
}

export const defaultUpdateSettings: UpdateSettings = { feedUrl: null, checkOnStart: true };

const updatesSchema = z.object({
  updates: z
    .object({
      feedUrl: z.string().trim().nullable().optional(),
      checkOnStart: z.boolean().optional(),
    })
    .optional(),
});

/** The `updates` part of the settings; anything missing or malformed keeps its default. */
export function parseUpdateSettings(settings: unknown): UpdateSettings {
  const parsed = updatesSchema.safeParse(settings);
  const updates = parsed.success ? parsed.data.updates : undefined;
  return {
    feedUrl: updates?.feedUrl ? updates.feedUrl : null,
    checkOnStart: updates?.checkOnStart ?? defaultUpdateSettings.checkOnStart,
  };
}

/** Reads `<dataDir>/settings.json`; no file (the usual case) means the defaults. */
export async function loadUpdateSettings(dataDir: string): Promise<UpdateSettings> {
  try {
    const text = await readFile(path.join(dataDir, appSettingsFileName), 'utf8');
    return parseUpdateSettings(JSON.parse(text));
  } catch {
    return { ...defaultUpdateSettings };
  }
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The feed address as electron-updater will use it, or null when it is not acceptable: https
 * only (plain http only on this machine, for a local test server), no credentials in it.
 */
export function feedAddress(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const secure =
    parsed.protocol === 'https:' ||
    (parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname));
  if (!secure || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

export type UpdateDecision =
  | { check: true; feedUrl: string }
  | { check: false; reason: 'not_packaged' | 'opted_out' | 'no_feed' | 'invalid_feed' };

/** Whether to check for updates on start, and where. */
export function decideUpdateCheck(
  settings: UpdateSettings,
  app: { isPackaged: boolean },
): UpdateDecision {
  // A development build has no installer to update, and electron-updater would refuse anyway.
  if (!app.isPackaged) return { check: false, reason: 'not_packaged' };
  if (!settings.checkOnStart) return { check: false, reason: 'opted_out' };
  if (settings.feedUrl === null) return { check: false, reason: 'no_feed' };
  const feedUrl = feedAddress(settings.feedUrl);
  return feedUrl === null ? { check: false, reason: 'invalid_feed' } : { check: true, feedUrl };
}

/** The part of electron-updater's `autoUpdater` this module drives. */
export interface Updater {
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Runs the start-up check as decided; resolves with the decision once the check has been asked
 * for, never rejects. electron-updater is loaded only when there is something to check (it
 * requires Electron's binary as it loads); download and install-on-quit are its own.
 */
export async function checkForUpdatesOnStart(options: {
  loadUpdater: () => Promise<Updater>;
  settings: UpdateSettings;
  isPackaged: boolean;
  log: UpdateLog;
}): Promise<UpdateDecision> {
  const { log } = options;
  const decision = decideUpdateCheck(options.settings, { isPackaged: options.isPackaged });
  if (!decision.check) {
    log.info({ reason: decision.reason }, 'update check skipped');
    return decision;
  }
  try {
    const updater = await options.loadUpdater();
    // The updater also reports failures as events (a download that fails later, for example).
    updater.on('error', (error) => log.warn({ err: error }, 'update failed'));
    updater.setFeedURL({ provider: 'generic', url: decision.feedUrl });
    await updater.checkForUpdatesAndNotify();
    log.info({ feedUrl: decision.feedUrl }, 'update check done');
  } catch (error) {
    log.warn({ err: error, feedUrl: decision.feedUrl }, 'update check failed');
  }
  return decision;
}
