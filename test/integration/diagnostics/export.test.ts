import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEnvironment } from '../../../main/api/app-service';
import { exportDiagnostics, diagnosticsFormat } from '../../../main/api/diagnostics';
import { createDiagnosticsExport } from '../../../main/api/diagnostics-service';
import { readZeroBasedPage } from '../../../main/hubsoft/parse/payload';
import { logSkippedRows } from '../../../main/hubsoft/parse/problems';
import { createLogger } from '../../../main/log/logger';
import { logFiles } from '../../../main/log/rotating-file';
import { profilePaths } from '../../../main/session/profiles';

/** Made-up secrets planted in every place a careless export could pick one up from. */
const secret = (name: string) => `fake-${name}-Kp40wQ`;
const profileId = 'p-1';

let root: string;
let dataDir: string;
let environment: AppEnvironment;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'hubdesk-diag-'));
  dataDir = path.join(root, 'data');
  mkdirSync(dataDir);
  environment = {
    name: 'HubDesk',
    version: '0.1.0',
    platform: process.platform,
    shell: 'electron',
    dataDir,
    defaultServerUrl: null,
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A data folder after a working day: logs with secrets in them, keychain fallback, cache, staging. */
function plantSecrets(): string[] {
  const { logger, close } = createLogger({ dataDir, maxFileBytes: 300 });
  logger.info({ username: 'agente@demo.local' }, 'signed in');
  logger.info('sync finished');
  logger.warn(`token request: grant_type=password&password=${secret('log-form')}`);
  logger.error({ headers: { authorization: `Bearer ${secret('log-header')}` } }, 'HubSoft 401');
  logger.info({ refresh_token: secret('log-key') }, 'renewed');
  close();
  // A line written by something other than the logger (a crash report, an older version).
  appendFileSync(
    logFiles(dataDir).current,
    `FATAL Authorization: Bearer ${secret('raw-line')} client_secret=${secret('raw-client')}\n`,
  );

  writeFileSync(
    path.join(dataDir, 'profiles.json'),
    JSON.stringify({
      version: 1,
      activeProfileId: profileId,
      profiles: [
        {
          id: profileId,
          baseUrl: 'https://isp.hubsoft.com.br',
          clientId: 'integracao-7',
          username: 'agente@isp.com.br',
          demo: false,
          lastUsedAt: '2026-11-26T12:00:00.000Z',
          // Not in the schema: a stray secret must still not leave.
          clientSecret: secret('profile'),
        },
      ],
    }),
  );
  writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({
      updates: { feedUrl: 'https://updates.isp.com.br/hubdesk' },
      apiKey: secret('settings-file'),
    }),
  );
  writeFileSync(
    path.join(dataDir, 'secrets.json'),
    JSON.stringify({ [profileId]: { accessToken: secret('secrets-file') } }),
  );
  const paths = profilePaths(dataDir, profileId);
  mkdirSync(path.dirname(paths.cacheFile), { recursive: true });
  const db = new Database(paths.cacheFile);
  db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)');
  db.prepare('INSERT INTO settings VALUES (?, ?)').run('note', secret('sqlite'));
  db.close();
  mkdirSync(paths.stagingDir, { recursive: true });
  writeFileSync(path.join(paths.stagingDir, 'contrato.txt'), secret('staged'));

  return [
    'log-form',
    'log-header',
    'log-key',
    'raw-line',
    'raw-client',
    'profile',
    'secrets-file',
    'sqlite',
    'staged',
    'settings',
    'settings-file',
  ].map(secret);
}

const settings = {
  updates: { feedUrl: 'https://updates.isp.com.br/hubdesk', checkOnStart: true },
  proxy: { host: 'proxy.isp.local', password: secret('settings') },
};

describe('the diagnostics bundle', () => {
  it('holds the logs, versions, settings and profiles, and none of the secrets', async () => {
    const secrets = plantSecrets();
    const destination = path.join(root, 'out', 'diagnostics.json');
    const summary = await exportDiagnostics({ dataDir, destination, environment, settings });

    const text = readFileSync(destination, 'utf8');
    for (const value of secrets) expect(text).not.toContain(value);

    const bundle = JSON.parse(text);
    expect(bundle.format).toBe(diagnosticsFormat);
    expect(bundle.app).toMatchObject({ name: 'HubDesk', version: '0.1.0', shell: 'electron' });
    expect(bundle.versions).toMatchObject({
      node: process.versions.node,
      platform: process.platform,
    });
    expect(bundle.settings).toEqual({
      updates: settings.updates,
      proxy: { host: 'proxy.isp.local', password: '[redacted]' },
    });
    expect(bundle.settingsFile).toEqual({
      updates: { feedUrl: 'https://updates.isp.com.br/hubdesk' },
      apiKey: '[redacted]',
    });
    expect(bundle.profiles.profiles[0]).toMatchObject({
      username: 'agente@isp.com.br',
      baseUrl: 'https://isp.hubsoft.com.br',
      clientSecret: '[redacted]',
    });
    // The small cap rotated the log: both files are there, oldest first.
    expect(bundle.logs.map((log: { file: string }) => log.file)).toEqual([
      'hubdesk.log.1',
      'hubdesk.log',
    ]);
    const messages = bundle.logs.flatMap((log: { records: unknown[] }) =>
      log.records.map((record) =>
        typeof record === 'string' ? record : (record as { msg: string }).msg,
      ),
    );
    expect(messages).toEqual(expect.arrayContaining(['HubSoft 401', 'renewed']));
    expect(messages.at(-1)).toBe('FATAL Authorization: Bearer [redacted] client_secret=[redacted]');
    expect(summary).toEqual({
      path: destination,
      logFiles: 2,
      logRecords: messages.length,
      profiles: 1,
    });
  });

  it('works on a fresh data folder with no logs and no profiles yet', async () => {
    const destination = path.join(root, 'fresh.json');
    const summary = await exportDiagnostics({ dataDir, destination, environment, settings: {} });
    expect(summary).toMatchObject({ logFiles: 0, profiles: 0 });
    expect(JSON.parse(readFileSync(destination, 'utf8'))).toMatchObject({
      logs: [],
      profiles: null,
    });
  });
});

describe('list rows HubSoft sent that could not be read', () => {
  it('are counted per endpoint and field in the bundle and logged without their values', async () => {
    const { logger, close } = createLogger({ dataDir });
    const stopLogging = logSkippedRows(logger);
    const endpoint = 'GET /api/v1/integracao/atendimento/todos';
    const row = {
      id_atendimento: 77,
      protocolo: '20261202142345123456',
      data_cadastro_timestamp: 1_796_232_225_000,
      status: { id_atendimento_status: 23, prefixo: '', descricao: 'Cliente Zuleide Quaresma' },
    };
    const good = { ...row, id_atendimento: 78, status: { ...row.status, prefixo: 'pendente' } };
    const page = await readZeroBasedPage(
      {
        paginacao: { ultima_pagina: 0, pagina_atual: 0, total_registros: 2 },
        atendimentos: [row, good],
      },
      endpoint,
      0,
    );
    stopLogging();
    close();
    expect(page.tickets.map((ticket) => ticket.id)).toEqual([78]);

    const destination = path.join(root, 'bundle.json');
    await exportDiagnostics({ dataDir, destination, environment, settings: {} });
    const text = readFileSync(destination, 'utf8');
    const bundle = JSON.parse(text) as {
      skippedRows: { endpoint: string; field: string; skippedRows: number }[];
      logs: { records: { msg?: string; endpoint?: string; field?: string }[] }[];
    };
    expect(bundle.skippedRows).toContainEqual({
      endpoint,
      field: 'atendimentos[].status.prefixo',
      skippedRows: expect.any(Number),
    });
    const logged = bundle.logs.flatMap((log) => log.records);
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: 'HubSoft list row skipped',
        endpoint,
        field: 'atendimentos[].status.prefixo',
      }),
    );
    expect(text).not.toContain('Zuleide');
    expect(text).not.toContain(row.protocolo);
  });
});

describe('exporting diagnostics from the app', () => {
  it('saves where the agent chose, with a dated name suggested', async () => {
    plantSecrets();
    const suggested: string[] = [];
    const run = createDiagnosticsExport({
      environment,
      readSettings: () => settings,
      chooseDestination: async (name) => {
        suggested.push(name);
        return path.join(root, 'chosen', name);
      },
      now: () => new Date('2026-11-26T14:22:33.000Z'),
    });
    const summary = await run();
    expect(suggested).toEqual(['hubdesk-diagnostics-20261126-142233.json']);
    expect(summary?.path).toBe(path.join(root, 'chosen', suggested[0]!));
  });

  it('does nothing when the agent cancels the save dialog', async () => {
    const run = createDiagnosticsExport({
      environment,
      readSettings: () => settings,
      chooseDestination: async () => null,
    });
    expect(await run()).toBeNull();
  });

  it('saves under the data folder where there is no save dialog (browser host)', async () => {
    const run = createDiagnosticsExport({
      environment,
      readSettings: () => ({}),
      now: () => new Date('2026-11-26T14:22:33.000Z'),
    });
    const summary = await run();
    expect(summary?.path).toBe(
      path.join(dataDir, 'diagnostics', 'hubdesk-diagnostics-20261126-142233.json'),
    );
  });

  it('says so, in Portuguese, when the chosen place cannot be written', async () => {
    const notAFolder = path.join(root, 'a-file');
    writeFileSync(notAFolder, '');
    const run = createDiagnosticsExport({
      environment,
      readSettings: () => ({}),
      chooseDestination: async () => path.join(notAFolder, 'diag.json'),
    });
    await expect(run()).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^Não foi possível salvar o diagnóstico em .*a-file/),
    });
  });
});
