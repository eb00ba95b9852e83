import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import { accessToken, api, passwordGrant, postJson, startSim } from './sim-client';

let sim: RunningSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('simulator sign-in', () => {
  it('issues bearer tokens with expires_in for the password grant sent as JSON', async () => {
    sim = await startSim();
    const { status, body } = await postJson(`${sim.url}/oauth/token`, passwordGrant());
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 2592000 });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
  });

  it('issues tokens for the password grant sent form-encoded', async () => {
    sim = await startSim();
    const response = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(passwordGrant()).toString(),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    const list = await api(sim, String(body.access_token), 'configuracao/tipo_atendimento');
    expect(list.status).toBe(200);
  });

  it('answers wrong credentials with 401 invalid_credentials and its description', async () => {
    sim = await startSim();
    const { status, body } = await postJson(`${sim.url}/oauth/token`, {
      ...passwordGrant(),
      password: 'errada',
    });
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_credentials');
    expect(typeof body.error_description).toBe('string');
    expect(typeof body.message).toBe('string');
  });

  it('refuses an unknown client with 401 invalid_client', async () => {
    sim = await startSim();
    const { status, body } = await postJson(`${sim.url}/oauth/token`, {
      ...passwordGrant(),
      client_secret: 'outro',
    });
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('renews with the refresh_token grant, and a refresh token works only once', async () => {
    sim = await startSim();
    const first = await postJson(`${sim.url}/oauth/token`, passwordGrant());
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      client_id: 'hubdesk-demo',
      client_secret: 'demo-secret',
    };
    const renewed = await postJson(`${sim.url}/oauth/token`, refresh);
    expect(renewed.status).toBe(200);
    expect(renewed.body.access_token).not.toBe(first.body.access_token);
    expect((await api(sim, String(renewed.body.access_token), 'configuracao/tecnico')).status).toBe(
      200,
    );
    const again = await postJson(`${sim.url}/oauth/token`, refresh);
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('invalid_request');
  });

  it('answers API calls without a token, or with an unknown one, with 401 Unauthenticated', async () => {
    sim = await startSim();
    const bare = await fetch(`${sim.url}/api/v1/integracao/atendimento/todos`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ message: 'Unauthenticated.' });
    expect((await api(sim, 'not-a-token', 'atendimento/todos')).status).toBe(401);
  });

  it('stops accepting an access token once it has expired', async () => {
    sim = await startSim({ tokenTtlSeconds: 1 });
    const { body } = await postJson(`${sim.url}/oauth/token`, passwordGrant());
    expect(body.expires_in).toBe(1);
    const token = String(body.access_token);
    expect((await api(sim, token, 'configuracao/tecnico')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api(sim, token, 'configuracao/tecnico')).status).toBe(401);
  });

  it('revokes every token issued so far, refresh tokens included, when asked', async () => {
    sim = await startSim();
    const { body } = await postJson(`${sim.url}/oauth/token`, passwordGrant());
    const revoke = await postJson(`${sim.url}/__sim/faults`, { revokeTokens: true });
    expect(revoke.status).toBe(200);
    expect((await api(sim, String(body.access_token), 'configuracao/tecnico')).status).toBe(401);
    const refreshed = await postJson(`${sim.url}/oauth/token`, {
      grant_type: 'refresh_token',
      refresh_token: String(body.refresh_token),
      client_id: 'hubdesk-demo',
      client_secret: 'demo-secret',
    });
    expect(refreshed.status).toBe(401);
    const fresh = await accessToken(sim);
    expect((await api(sim, fresh, 'configuracao/tecnico')).status).toBe(200);
  });

  it('limits /oauth/token to a burst of 20 (30 a minute) with 429 and retry_after', async () => {
    sim = await startSim();
    const statuses: number[] = [];
    let last: Record<string, unknown> = {};
    let retryHeader: string | null = null;
    for (let i = 0; i < 21; i += 1) {
      const { status, body, response } = await postJson(`${sim.url}/oauth/token`, {
        ...passwordGrant(),
        password: 'errada',
      });
      statuses.push(status);
      last = body;
      retryHeader = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(last.retry_after).toBeGreaterThanOrEqual(1);
    expect(retryHeader).toBe(String(last.retry_after));
  });
});
