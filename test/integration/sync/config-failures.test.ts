import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiagnosticsExport } from '../../../main/api/diagnostics-service';
import { EventHub } from '../../../main/api/events';
import { HubsoftClient } from '../../../main/hubsoft/client';
import { openStore, type Store } from '../../../main/store/client';
import { refreshConfigLists } from '../../../main/sync/config-refresh';
import { createConnectivity } from '../../../main/sync/connectivity';
import { createSyncEngine } from '../../../main/sync/engine';
import type { SyncLog, SyncLogRecord } from '../../../main/sync/sync-log';
import {
  CLIENT_SECRET,
  MemoryTokenStore,
  PASSWORD,
  sendJson,
  startLocalServer,
  type LocalServer,
} from '../hubsoft/local-server';

let server: LocalServer | null = null;
let store: Store | null = null;
const folder = mkdtempSync(join(tmpdir(), 'hubdesk-config-'));

afterEach(async () => {
  await server?.close();
  await store?.close();
  server = null;
  store = null;
});

process.on('exit', () => rmSync(folder, { recursive: true, force: true }));

/** A tenant whose periods carry no id at all (only a prefix) and that denies technicians. */
const answers: Record<string, unknown> = {
  tipo_atendimento: { tipos_atendimento: [{ id_tipo_atendimento: 128, descricao: 'SAC' }] },
  status_atendimento: {
    status_atendimento: [{ id_atendimento_status: 23, descricao: 'Aguardando', prefixo: 'x' }],
  },
  motivo_fechamento_atendimento: {
    motivos_fechamento: [{ id_motivo_fechamento_atendimento: 5, descricao: 'Fechado' }],
  },
  origem_contato: { origem_contatos: [{ id_origem_contato: 1, descricao: 'Telefone' }] },
  disponibilidade: { periodos: [{ prefixo: 'manha', descricao: 'Manhã' }] },
  tipo_ordem_servico: { tipo_ordem_servicos: [{ id_tipo_ordem_servico: 15, descricao: 'API' }] },
};

function tenantClient(running: LocalServer): HubsoftClient {
  return new HubsoftClient({
    credentials: {
      baseUrl: running.url,
      clientId: 'cliente-1',
      clientSecret: CLIENT_SECRET,
      username: 'agente@provedor.com.br',
      password: PASSWORD,
    },
    tokenStore: new MemoryTokenStore(),
  });
}

/** Configuration lists as above; anything else (tickets, technicians) refused. */
async function serveTenant(): Promise<LocalServer> {
  return startLocalServer(({ request, res }) => {
    const name = request.path.split('/').pop() ?? '';
    const body = request.path.includes('/configuracao/') ? answers[name] : undefined;
    if (body === undefined) {
      sendJson(res, 200, { status: 'error', msg: 'Usuário sem permissão.', errors: [] });
      return;
    }
    sendJson(res, 200, { status: 'success', msg: 'Dados consultados com sucesso', ...body });
  });
}

describe('a configuration refresh against a server whose lists do not all parse', () => {
  it('reports each failed list with its endpoint and field, and still caches the others', async () => {
    server = await serveTenant();
    store = await openStore({ file: join(folder, `${Date.now()}.sqlite`) });
    const client = tenantClient(server);
    const connectivity = createConnectivity();

    const failures = await refreshConfigLists({
      store,
      client,
      connectivity,
      signal: new AbortController().signal,
    });

    expect(failures).toEqual([
      {
        list: 'availabilityPeriods',
        endpoint: 'GET /api/v1/integracao/configuracao/disponibilidade',
        field: 'periodos.0.id_periodo_dia',
        message: expect.stringContaining('periodos.0.id_periodo_dia'),
      },
      {
        list: 'technicians',
        endpoint: 'GET /api/v1/integracao/configuracao/tecnico',
        field: null,
        message: expect.stringContaining('permissão'),
      },
    ]);
    expect((await store.getConfigList('ticketTypes'))?.items.map((item) => item.label)).toEqual([
      'SAC',
    ]);
    expect(await store.getConfigList('availabilityPeriods')).toBeNull();
    connectivity.stop();
  });

  it('puts the failed lists in the sync status the status bar shows', async () => {
    server = await serveTenant();
    store = await openStore({ file: join(folder, `${Date.now()}-engine.sqlite`) });
    const connectivity = createConnectivity();
    const engine = createSyncEngine({
      store,
      client: tenantClient(server),
      events: new EventHub(),
      connectivity,
      profile: { id: 'teste' },
    });
    const status = await engine.runNow();
    expect(status.failedConfigLists.map((failure) => failure.list)).toEqual([
      'availabilityPeriods',
      'technicians',
    ]);
    await engine.stop();
    connectivity.stop();
  });

  it('logs each failed list through the sync log and puts them in the diagnostics bundle, without values', async () => {
    server = await serveTenant();
    store = await openStore({ file: join(folder, `${Date.now()}-diagnostics.sqlite`) });
    const connectivity = createConnectivity();
    const warnings: { record: SyncLogRecord; message: string }[] = [];
    const log: SyncLog = {
      info: () => undefined,
      warn: (record, message) => warnings.push({ record, message }),
    };
    const engine = createSyncEngine({
      store,
      client: tenantClient(server),
      events: new EventHub(),
      connectivity,
      profile: { id: 'teste' },
      log,
    });
    await engine.runNow();

    expect(warnings.filter(({ record }) => record.event === 'config_list')).toEqual([
      {
        record: {
          event: 'config_list',
          list: 'availabilityPeriods',
          endpoint: 'GET /api/v1/integracao/configuracao/disponibilidade',
          field: 'periodos.0.id_periodo_dia',
          outcome: 'parse',
          httpStatus: null,
        },
        message: 'sync config list failed',
      },
      {
        record: {
          event: 'config_list',
          list: 'technicians',
          endpoint: 'GET /api/v1/integracao/configuracao/tecnico',
          field: null,
          outcome: 'business',
          httpStatus: 200,
        },
        message: 'sync config list failed',
      },
    ]);
    // The period's label is a value the server sent: it stays out of the log.
    expect(JSON.stringify(warnings)).not.toContain('Manhã');

    const dataDir = mkdtempSync(join(folder, 'data-'));
    const exported = await createDiagnosticsExport({
      environment: {
        name: 'HubDesk',
        version: '0.0.0',
        platform: process.platform,
        shell: 'browser-host',
        dataDir,
        defaultServerUrl: null,
      },
      readSettings: () => ({}),
      readConfigListFailures: () => engine.status().failedConfigLists,
    })();
    const bundle = JSON.parse(readFileSync(exported?.path ?? '', 'utf8')) as {
      configListFailures: unknown;
    };
    expect(bundle.configListFailures).toEqual([
      {
        list: 'availabilityPeriods',
        endpoint: 'GET /api/v1/integracao/configuracao/disponibilidade',
        field: 'periodos.0.id_periodo_dia',
        message: expect.stringContaining('periodos.0.id_periodo_dia'),
      },
      {
        list: 'technicians',
        endpoint: 'GET /api/v1/integracao/configuracao/tecnico',
        field: null,
        message: expect.stringContaining('permissão'),
      },
    ]);
    expect(JSON.stringify(bundle.configListFailures)).not.toContain('Manhã');
    await engine.stop();
    connectivity.stop();
  });
});
