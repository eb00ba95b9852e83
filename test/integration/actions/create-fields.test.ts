import { afterEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { AppError } from '../../../preload/errors';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import { settled, startHarness, workableTickets, type Harness } from '../outbox/harness';

let sim: RunningSimulator | null = null;
let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  await sim?.close();
  harness = null;
  sim = null;
});

describe('a new ticket queued with its optional fields', () => {
  it('reaches HubSoft with the contact origin, availability and responsible users chosen', async () => {
    sim = await startSimulator({ port: 0, seed: 5, tickets: 60 });
    harness = await startHarness(sim);
    harness.sender.start();
    const [some] = workableTickets(sim, 1);
    const description = `Cliente pede visita técnica ${Date.now()}`;

    await createActionsService(harness.current).create({
      serviceId: some!.serviceId,
      description,
      name: 'Contato do cliente',
      phone: '+55 (31) 98888-7777',
      contactOriginId: 2,
      availabilityIds: [4, 6],
      responsibleUserIds: [4903],
    });
    const actions = await settled(harness.store, 20_000);
    expect(actions.map((action) => action.state)).toEqual(['sent']);

    const created = sim
      .state({ only: 'changed' })
      .find((t) => t.description.startsWith(description));
    expect(created).toMatchObject({
      contactPhone: '31988887777',
      originId: 2,
      availabilityIds: [4, 6],
      responsibleUserIds: [4903],
    });
  });

  it('is refused before queuing when the phone cannot be Brazilian, with a Portuguese message', async () => {
    sim = await startSimulator({ port: 0, seed: 5, tickets: 60 });
    harness = await startHarness(sim);
    const [some] = workableTickets(sim, 1);
    const refusal = await Promise.resolve(
      createActionsService(harness.current).create({
        serviceId: some!.serviceId,
        description: 'Cliente sem conexão',
        name: 'Contato do cliente',
        phone: '(20) 98888-7777',
      }),
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: 'invalid_input',
      message: 'O DDD 20 não existe. Confira o telefone.',
    });
    expect(await harness.store.listActions()).toEqual([]);
  });
});
