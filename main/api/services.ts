/** Wires every contract area to its service; both shells call this with their environment. */
import type { Services } from '../../preload/contract';
import { createAppService, type AppEnvironment } from './app-service';

export function createServices(environment: AppEnvironment): Services {
  return {
    app: createAppService(environment),
    session: {},
    tickets: {},
    drafts: {},
    actions: {},
    attachments: {},
    customers: {},
    config: {},
    outbox: {},
    sync: {},
  };
}
