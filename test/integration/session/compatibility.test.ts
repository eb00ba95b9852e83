/**
 * The compatibility check against the simulator over HTTP: as the facts describe HubSoft, every
 * endpoint works; playing each deviation a real tenant may show, the report names it, and the
 * app still reads what it can. Then the Settings path through the session, and the diagnostics
 * bundle that carries the report.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCompatibilityReports } from '../../../main/api/compatibility-reports';
import { createDiagnosticsExport } from '../../../main/api/diagnostics-service';
import { createSessionService } from '../../../main/api/session-service';
import type { CompatibilityEntry, CompatibilityReport, ProbeName } from '../../../preload/types';
import { checkConnectionAndCompatibility } from '../../../main/session/connection-check';
import { SessionManager } from '../../../main/session/session-manager';
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { recordingWorkspaces, safeStorageSecrets, tempDirs } from './helpers';

/** Short pauses between probes: the pace is the check's courtesy to a tenant, not under test. */
const fast = { gapMs: 5 };

const login = (baseUrl: string) => ({
  baseUrl,
  clientId: DEMO_ACCOUNT.clientId,
  clientSecret: DEMO_ACCOUNT.clientSecret,
  username: DEMO_ACCOUNT.username,
  password: DEMO_ACCOUNT.password,
});

function entry(report: CompatibilityReport | undefined, probe: ProbeName): CompatibilityEntry {
  const found = report?.entries.find((candidate) => candidate.probe === probe);
  if (!found) throw new Error(`no entry for ${probe}`);
  return found;
}

describe('the compatibility check', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, tickets: 80 });
  });
  afterEach(() => {
    sim.setDeviations({});
    sim.setFaults({});
  });
  afterAll(async () => {
    await sim.close();
  });

  async function check(): Promise<CompatibilityReport> {
    const result = await checkConnectionAndCompatibility(login(sim.url), {}, fast);
    expect(result.code).toBe('ok');
    if (!result.compatibility) throw new Error('no compatibility report');
    return result.compatibility;
  }

  it('finds every endpoint working on a server that behaves as the facts say, within a dozen requests', async () => {
    const report = await check();
    expect(report.entries.map((item) => [item.probe, item.outcome, item.deviations])).toEqual([
      ['sign_in', 'works', []],
      ['list_todos', 'works', []],
      ['list_paginado', 'works', []],
      ['detail', 'works', ['detail_date_only']],
      ['config_ticket_types', 'works', []],
      ['config_ticket_statuses', 'works', []],
      ['config_closing_reasons', 'works', []],
      ['config_contact_origins', 'works', []],
      ['config_availability_periods', 'works', []],
      ['config_service_order_types', 'works', []],
      ['config_technicians', 'works', []],
      ['customer_search', 'works', []],
    ]);
    expect(report.requests).toBeLessThanOrEqual(12);
    expect(entry(report, 'list_todos').count).toBeGreaterThan(0);
    expect(entry(report, 'customer_search').count).toBe(1);
    expect(entry(report, 'config_availability_periods').count).toBe(3);
    for (const item of report.entries) {
      expect(item.httpStatus).toBe(200);
      expect(item.durationMs).not.toBeNull();
    }
  });

  it('reports the legacy "suscess" status on every API answer, and still reads them', async () => {
    sim.setDeviations({ legacySuscess: true });
    const report = await check();
    const api = report.entries.filter((item) => item.probe !== 'sign_in');
    expect(api.every((item) => item.deviations.includes('status_suscess'))).toBe(true);
    expect(api.every((item) => item.outcome === 'deviations')).toBe(true);
    expect(entry(report, 'config_ticket_types').count).toBeGreaterThan(0);
  });

  it('reports ids sent as strings, which the app coerces', async () => {
    sim.setDeviations({ stringIds: true });
    const report = await check();
    for (const probe of ['list_todos', 'config_ticket_statuses', 'customer_search'] as const) {
      expect(entry(report, probe)).toMatchObject({
        outcome: 'deviations',
        deviations: expect.arrayContaining(['ids_as_strings']) as unknown,
      });
    }
    expect(entry(report, 'list_todos').count).toBeGreaterThan(0);
  });

  it("reports a paginado that honours only Laravel's page parameter", async () => {
    sim.setDeviations({ paginadoIgnoresPagina: true });
    const report = await check();
    expect(entry(report, 'list_paginado')).toMatchObject({
      outcome: 'deviations',
      deviations: ['paginado_ignores_pagina'],
    });
    expect(entry(report, 'list_todos').outcome).toBe('works');
  });

  it('reports relations ignored when list rows come without any of those asked for', async () => {
    sim.setDeviations({
      dropRelations: ['cliente_servico', 'usuarios_responsaveis', 'atendimento_mensagem'],
    });
    const report = await check();
    expect(entry(report, 'list_todos').deviations).toEqual(['relations_ignored']);
    expect(entry(report, 'list_paginado').deviations).toEqual(['relations_ignored']);
    expect(entry(report, 'customer_search')).toMatchObject({
      outcome: 'skipped',
      reason: 'no_customer',
    });
  });

  it('reports list rows without customers although asked', async () => {
    sim.setDeviations({ dropRelations: ['cliente_servico'] });
    const report = await check();
    expect(entry(report, 'list_todos')).toMatchObject({
      outcome: 'deviations',
      deviations: ['relation_customer_missing'],
    });
  });

  it('reports periods keyed id_disponibilidade, and still reads them', async () => {
    sim.setDeviations({ periodsLegacyKey: true });
    const report = await check();
    expect(entry(report, 'config_availability_periods')).toMatchObject({
      outcome: 'deviations',
      deviations: ['periods_legacy_key'],
      count: 3,
    });
  });

  it('slows down after meeting the rate limit, and still checks every endpoint', async () => {
    sim.setFaults({ rateLimit: { perSecond: 4, burst: 3 } });
    const report = await check();
    expect(report.entries.some((item) => item.deviations.includes('rate_limited'))).toBe(true);
    expect(report.entries.filter((item) => item.outcome === 'failed')).toEqual([]);
  });

  it('gives no compatibility report when the sign-in is refused', async () => {
    const result = await checkConnectionAndCompatibility(
      { ...login(sim.url), password: 'senha-errada' },
      {},
      fast,
    );
    expect(result.code).toBe('wrong_credentials');
    expect(result.compatibility).toBeUndefined();
  });
});

describe('a configuration list the app cannot read', () => {
  let sim: RunningSimulator;
  let proxy: Server;
  let proxyUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 12, tickets: 30 });
    // In front of the simulator: technicians without any field the app takes an id from.
    proxy = createServer((req, res) => {
      if ((req.url ?? '').startsWith('/api/v1/integracao/configuracao/tecnico')) {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', tecnicos: [{ apelido: 'Zé' }] }));
        return;
      }
      void fetch(`${sim.url}${req.url ?? '/'}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === 'POST' ? req : undefined,
        duplex: 'half',
      } as RequestInit).then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await sim.close();
  });

  it('is reported unreadable, naming the field, while the other lists work', async () => {
    const result = await checkConnectionAndCompatibility(login(proxyUrl), {}, fast);
    expect(entry(result.compatibility, 'config_technicians')).toMatchObject({
      outcome: 'failed',
      reason: 'unreadable',
      field: 'tecnicos.0.id',
      httpStatus: 200,
    });
    expect(entry(result.compatibility, 'config_ticket_types').outcome).toBe('works');
  });
});

describe('the check from Settings', () => {
  const dirs = tempDirs();
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 13, tickets: 40 });
  });
  afterAll(async () => {
    await sim.close();
    await dirs.cleanup();
  });

  async function signedIn(remember: boolean) {
    const dataDir = await dirs.make('settings');
    const workspaces = recordingWorkspaces();
    const manager = await SessionManager.create({
      dataDir,
      secrets: safeStorageSecrets(dataDir),
      openWorkspace: workspaces.open,
      compatibility: fast,
    });
    await manager.login({ ...login(sim.url), remember });
    const workspace = workspaces.opened[0];
    if (!workspace) throw new Error('no workspace');
    const reports = createCompatibilityReports(() => workspace);
    return { dataDir, manager, reports, service: createSessionService(manager, reports) };
  }

  it('signs in again with the kept password and keeps the report in the profile', async () => {
    const { manager, service } = await signedIn(true);
    const report = await service.checkCompatibility();
    expect(entry(report, 'sign_in').outcome).toBe('works');
    expect(entry(report, 'customer_search').outcome).toBe('works');
    expect(await service.lastCompatibility()).toEqual(report);
    await manager.dispose();
  });

  it("uses the session's token when the password is not kept, saying the sign-in was not probed", async () => {
    const { manager, service } = await signedIn(false);
    const report = await service.checkCompatibility();
    expect(entry(report, 'sign_in')).toMatchObject({ outcome: 'skipped', reason: 'no_password' });
    expect(entry(report, 'list_todos').outcome).toBe('works');
    await manager.dispose();
  });

  it('puts the last report into the diagnostics export, without secrets', async () => {
    const { dataDir, manager, reports, service } = await signedIn(true);
    const report = await service.checkCompatibility();
    const exportDiagnostics = createDiagnosticsExport({
      environment: {
        name: 'HubDesk',
        version: '0.0.0-test',
        platform: process.platform,
        shell: 'browser-host',
        dataDir,
        defaultServerUrl: null,
      },
      readSettings: () => ({}),
      readCompatibility: () => reports.latest(),
      chooseDestination: () => Promise.resolve(join(dataDir, 'diagnostico.json')),
    });
    const summary = await exportDiagnostics();
    const text = await readFile(summary?.path ?? '', 'utf8');
    const bundle = JSON.parse(text) as { compatibility: CompatibilityReport };
    expect(bundle.compatibility).toEqual(report);
    expect(bundle.compatibility.entries).toHaveLength(12);
    expect(text).not.toContain(DEMO_ACCOUNT.clientSecret);
    await manager.dispose();
  });
});
