/**
 * "Export diagnostics": one JSON file an agent can send to support, with the logs, the versions
 * and the settings, and no secret. It reads only the log files and the profile list; the secrets
 * file, the SQLite caches and the staged attachments are never opened. Everything read goes
 * through the same scrubber as the logger, in case a secret reached a log some other way.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { skippedRows } from '../hubsoft/parse/problems';
import { logFiles } from '../log/rotating-file';
import { scrubLogLine, scrubValue } from '../log/scrub';
import type { CompatibilityReport } from '../session/compatibility/report';
import { profilesFileName } from '../session/profiles';
import type { ConfigListFailure } from '../../preload/types';
import type { AppEnvironment } from './app-service';

export interface DiagnosticsRequest {
  dataDir: string;
  /** The bundle's file path, chosen by the agent (or `defaultDiagnosticsDestination`). */
  destination: string;
  environment: AppEnvironment;
  /**
   * Settings as the app holds them in memory (the settings file is read here too, as it is on
   * disk); secrets among them are redacted like in the logs.
   */
  settings: unknown;
  /**
   * The newest compatibility report: endpoints, outcomes, deviation codes, counts, HTTP statuses
   * and durations, no secret and no customer data. Null when none was made.
   */
  compatibility?: CompatibilityReport | null;
  /**
   * The configuration lists the open profile's last refresh could not read: list, endpoint, field
   * path and the message the status bar shows. Empty when signed out or all were read.
   */
  configListFailures?: ConfigListFailure[];
  now?: Date;
}

export interface DiagnosticsSummary {
  path: string;
  logFiles: number;
  logRecords: number;
  profiles: number;
}

interface LogExcerpt {
  file: string;
  /** Each line parsed when it is JSON (the logger's records), else the scrubbed text. */
  records: unknown[];
}

export const diagnosticsFormat = 'hubdesk-diagnostics/1';

/**
 * The app-wide settings a company deploys next to the profiles (the update feed, for one); read
 * by `main/app/updates.ts`, and included in every bundle as found, scrubbed.
 */
export const appSettingsFileName = 'settings.json';

/** `hubdesk-diagnostics-20261126-142233.json`, for the save dialog to suggest. */
export function diagnosticsFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `hubdesk-diagnostics-${stamp}.json`;
}

/** Where the bundle goes when there is no save dialog (the browser host). */
export function defaultDiagnosticsDestination(dataDir: string, now: Date): string {
  return path.join(dataDir, 'diagnostics', diagnosticsFileName(now));
}

export async function exportDiagnostics(request: DiagnosticsRequest): Promise<DiagnosticsSummary> {
  const now = request.now ?? new Date();
  const logs = await readLogs(request.dataDir);
  const profiles = await readProfiles(request.dataDir);
  const settingsFile = await readJsonFile(path.join(request.dataDir, appSettingsFileName));
  const bundle = {
    format: diagnosticsFormat,
    createdAt: now.toISOString(),
    app: scrubValue(request.environment),
    versions: runtimeVersions(),
    settings: scrubValue(request.settings),
    settingsFile: settingsFile.content,
    profiles: profiles.content,
    compatibility: request.compatibility ?? null,
    // List rows HubSoft sent that could not be read, per endpoint and field: never their values.
    skippedRows: skippedRows.list(),
    configListFailures: request.configListFailures ?? [],
    logs,
  };
  await mkdir(path.dirname(request.destination), { recursive: true });
  // Written whole, then renamed: a half-written bundle is never left under the agent's name.
  const partial = `${request.destination}.partial`;
  await writeFile(partial, `${JSON.stringify(bundle, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, request.destination);
  return {
    path: request.destination,
    logFiles: logs.length,
    logRecords: logs.reduce((sum, log) => sum + log.records.length, 0),
    profiles: profiles.count,
  };
}

function runtimeVersions() {
  const { node, electron, chrome, v8 } = process.versions as NodeJS.ProcessVersions & {
    electron?: string;
    chrome?: string;
  };
  return {
    node,
    electron: electron ?? null,
    chrome: chrome ?? null,
    v8,
    platform: process.platform,
    arch: process.arch,
    os: `${os.type()} ${os.release()}`,
  };
}

/** The previous log first, so records read in the order they were written. */
async function readLogs(dataDir: string): Promise<LogExcerpt[]> {
  const files = logFiles(dataDir);
  const excerpts: LogExcerpt[] = [];
  for (const file of [files.previous, files.current]) {
    const text = await readOptional(file);
    if (text === null) continue;
    const records = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(parseScrubbedLine);
    excerpts.push({ file: path.basename(file), records });
  }
  return excerpts;
}

function parseScrubbedLine(line: string): unknown {
  const scrubbed = scrubLogLine(line);
  try {
    return JSON.parse(scrubbed);
  } catch {
    return scrubbed;
  }
}

async function readProfiles(dataDir: string): Promise<{ content: unknown; count: number }> {
  const { content } = await readJsonFile(path.join(dataDir, profilesFileName));
  const list = (content as { profiles?: unknown } | null)?.profiles;
  return { content, count: Array.isArray(list) ? list.length : 0 };
}

/** A JSON file as found, scrubbed: null when missing, a marker when it does not parse. */
async function readJsonFile(file: string): Promise<{ content: unknown }> {
  const text = await readOptional(file);
  if (text === null) return { content: null };
  try {
    return { content: scrubValue(JSON.parse(text)) };
  } catch {
    return { content: { unreadable: true } };
  }
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
