/** Wires every contract area to its service. */
import type { Services } from '../../preload/contract';
import type { DiagnosticsExport } from '../../preload/types';
import type { SessionManager } from '../session/session-manager';
import { createActionsService } from './actions-service';
import { createAppService, type AppEnvironment } from './app-service';
import { createAttachmentsService } from './attachments-service';
import type { CompatibilityReports } from './compatibility-reports';
import { createConfigService } from './config-service';
import { createCustomersService } from './customers-service';
import { createDraftsService } from './drafts-service';
import { createOutboxService } from './outbox-service';
import { createSessionService } from './session-service';
import { createSyncService } from './sync-service';
import { createTicketsService } from './tickets-service';
import type { CurrentWorkspace } from './workspace';

export interface ServiceDependencies {
  environment: AppEnvironment;
  session: SessionManager;
  current: CurrentWorkspace;
  pickFiles?: () => Promise<string[]>;
  exportDiagnostics?: () => Promise<DiagnosticsExport | null>;
  /** Shared with the diagnostics export, which includes the newest report. */
  compatibilityReports?: CompatibilityReports;
}

export function createServices(deps: ServiceDependencies): Services {
  const { current } = deps;
  return {
    app: createAppService(deps.environment, deps.exportDiagnostics),
    session: createSessionService(deps.session, deps.compatibilityReports),
    tickets: createTicketsService(current),
    drafts: createDraftsService(current),
    actions: createActionsService(current),
    attachments: createAttachmentsService(current, { pickFiles: deps.pickFiles }),
    customers: createCustomersService(current),
    config: createConfigService(current),
    outbox: createOutboxService(current),
    sync: createSyncService(current),
  };
}
