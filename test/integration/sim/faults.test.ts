import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import { accessToken, api, postJson, startSim, type JsonObject } from './sim-client';

let sim: RunningSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function ready(): Promise<{ sim: RunningSimulator; token: string }> {
  sim = await startSim({ tickets: 100 });
  return { sim, token: await accessToken(sim) };
}

function setFaults(target: RunningSimulator, faults: unknown) {
  return postJson(`${target.url}/__sim/faults`, faults);
}

const LIST = '/api/v1/integracao/atendimento/todos';

describe('fault injection', () => {
  it('answers errorRate with HTTP 500 and HubSoft error body with debug fields', async () => {
    const { sim, token } = await ready();
    await setFaults(sim, { errorRate: 1 });
    const response = await fetch(`${sim.url}${LIST}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      status: 'error',
      errors: expect.any(Array),
      file: expect.any(String),
      line: expect.any(Number),
    });
  });

  it('answers htmlErrorRate with a proxy HTML page on 502 or 503', async () => {
    const { sim, token } = await ready();
    await setFaults(sim, { htmlErrorRate: 1 });
    const response = await fetch(`${sim.url}${LIST}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect([502, 503]).toContain(response.status);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<html>');
  });

  it('answers malformedRate with truncated JSON on HTTP 200', async () => {
    const { sim, token } = await ready();
    await setFaults(sim, { malformedRate: 1 });
    const response = await fetch(`${sim.url}${LIST}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('destroys the connection at resetRate', async () => {
    const { sim, token } = await ready();
    await setFaults(sim, { resetRate: 1 });
    await expect(
      fetch(`${sim.url}${LIST}`, { headers: { authorization: `Bearer ${token}` } }),
    ).rejects.toThrow();
  });

  it('applies the change and never answers at timeoutAfterCommitRate', async () => {
    const { sim, token } = await ready();
    const created = await api(sim, token, 'atendimento', {
      method: 'POST',
      body: {
        id_cliente_servico: 17000,
        descricao: 'Sem internet',
        nome: 'Ana',
        telefone: '37991234567',
      },
    });
    const ticket = created.body.atendimento as JsonObject;
    await setFaults(sim, { timeoutAfterCommitRate: 1 });
    await expect(
      fetch(
        `${sim.url}/api/v1/integracao/atendimento/adicionar_mensagem/${ticket.id_atendimento}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ mensagem: 'Chegou?' }),
          signal: AbortSignal.timeout(500),
        },
      ),
    ).rejects.toThrow();
    const [stored] = sim.state({ protocol: String(ticket.protocolo) });
    expect(stored?.messages.map((message) => message.text)).toEqual(['Chegou?']);
  });

  it('answers 429 with retry_after over the configured rate limit', async () => {
    const { sim, token } = await ready();
    await setFaults(sim, { rateLimit: { perSecond: 1, burst: 2 } });
    const statuses: number[] = [];
    let last: { status: number; body: JsonObject; response: Response } | undefined;
    for (let i = 0; i < 3; i += 1) {
      last = await api(sim, token, 'configuracao/tecnico');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last?.body.retry_after).toBeGreaterThanOrEqual(1);
    expect(last?.response.headers.get('retry-after')).toBe(String(last?.body.retry_after));
  });

  it('limits the API to a burst of 200 by default', async () => {
    const { sim, token } = await ready();
    const statuses = await Promise.all(
      Array.from(
        { length: 300 },
        async () => (await api(sim, token, 'configuracao/tecnico')).status,
      ),
    );
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(200);
  });

  it('delays answers by latencyMs, enough for a short client timeout to fire', async () => {
    const { sim, token } = await ready();
    await setFaults(sim, { latencyMs: 3000, jitterMs: 100 });
    const request = () =>
      fetch(`${sim.url}${LIST}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(300),
      });
    await expect(request()).rejects.toThrow();
    await setFaults(sim, {});
    expect((await request()).status).toBe(200);
  });

  it('clears every fault with {}', async () => {
    const { sim, token } = await ready();
    await setFaults(sim, { errorRate: 1, rateLimit: { perSecond: 1, burst: 1 } });
    const cleared = await setFaults(sim, {});
    expect(cleared.body.faults).toMatchObject({
      errorRate: 0,
      rateLimit: { perSecond: 20, burst: 200 },
    });
    for (let i = 0; i < 3; i += 1) {
      expect((await api(sim, token, 'configuracao/tecnico')).status).toBe(200);
    }
  });

  it('refuses an invalid faults body with 400 and a message naming the problem', async () => {
    const { sim } = await ready();
    for (const body of [
      { errorRate: 2 },
      { errorRat: 0.5 },
      { rateLimit: { perSecond: 0, burst: 1 } },
    ]) {
      const { status, body: answer } = await setFaults(sim, body);
      expect(status).toBe(400);
      expect(String(answer.message).length).toBeGreaterThan(0);
    }
    const broken = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"errorRate":',
    });
    expect(broken.status).toBe(400);
  });
});
