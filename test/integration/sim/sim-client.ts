/** Small helpers for talking to the simulator over real HTTP in tests. */
import { DEMO_ACCOUNT } from '../../../main/sim/demo-account';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../main/sim/server';

export type JsonObject = Record<string, unknown>;

export async function startSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ tickets: 300, ...options });
}

export function passwordGrant(): Record<string, string> {
  return {
    grant_type: 'password',
    client_id: DEMO_ACCOUNT.clientId,
    client_secret: DEMO_ACCOUNT.clientSecret,
    username: DEMO_ACCOUNT.username,
    password: DEMO_ACCOUNT.password,
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as JsonObject, response };
}

export async function accessToken(sim: RunningSimulator): Promise<string> {
  const { body } = await postJson(`${sim.url}/oauth/token`, passwordGrant());
  return String(body.access_token);
}

/** An authenticated API call; `path` is relative to `/api/v1/integracao/`. */
export async function api(
  sim: RunningSimulator,
  token: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: JsonObject; response: Response }> {
  const response = await fetch(`${sim.url}/api/v1/integracao/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as JsonObject, response };
}

export function rowsOf(body: JsonObject): JsonObject[] {
  return body.atendimentos as JsonObject[];
}

/** The first ticket of a list page that satisfies `predicate`, scanning the first 500. */
export async function findTicket(
  sim: RunningSimulator,
  token: string,
  predicate: (row: JsonObject) => boolean,
): Promise<JsonObject> {
  const { body } = await api(sim, token, 'atendimento/todos?itens_por_pagina=500');
  const row = rowsOf(body).find(predicate);
  if (!row) throw new Error('no ticket in the first page matches');
  return row;
}
