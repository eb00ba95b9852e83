import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { createAttachmentsService } from '../../../main/api/attachments-service';
import { saveAttachBaseline } from '../../../main/actions/attach/baseline';
import { attachmentCountOf } from '../../../main/outbox/attachment-count';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import type { TicketRecord } from '../../../main/sim/records';
import { maxAttachmentBytes } from '../../../preload/schemas';
import {
  cacheTickets,
  settled,
  startHarness,
  waitFor,
  workableTickets,
  type Harness,
} from '../outbox/harness';

let sim: RunningSimulator;
let harness: Harness;
let target: TicketRecord;
let key: string;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 9, tickets: 200 });
  harness = await startHarness(sim, { timeoutMs: 1_000, uploadTimeoutMs: 1_500 });
  [target] = workableTickets(sim, 1) as [TicketRecord];
  const keys = await cacheTickets(harness.store, harness.client, [target.protocol]);
  key = keys.get(target.protocol) ?? '';
});

afterEach(async () => {
  await harness.close();
  await sim.close();
});

function serverAttachments(): TicketRecord['attachments'] {
  return sim.state({ protocol: target.protocol })[0]?.attachments ?? [];
}

async function anexosCount(): Promise<number | null> {
  const cached = await harness.store.getTicket(key);
  return attachmentCountOf(
    harness.client,
    {
      id: target.id,
      protocol: target.protocol,
      openedAt: cached?.openedAt ?? '',
    },
    new Date(),
  );
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('attachments', () => {
  it('stages bytes from the browser and uploads them once, then drops the staged copy', async () => {
    const attachments = createAttachmentsService(harness.current);
    const bytes = Buffer.from('%PDF-1.4 laudo técnico da visita\n');
    const staged = await attachments.stage({
      name: '../../laudo\u0007 tecnico.pdf',
      mimeType: 'application/pdf',
      base64: bytes.toString('base64'),
    });
    expect(staged).toMatchObject({
      originalName: 'laudo tecnico.pdf',
      size: bytes.length,
      sha256: sha256(bytes),
    });
    expect(existsSync(staged.stagedPath)).toBe(true);
    expect(staged.stagedPath.startsWith(harness.stagingDir)).toBe(true);
    const before = await anexosCount();

    await createActionsService(harness.current).attach(key, [staged.id]);
    harness.sender.start();
    const [action] = await settled(harness.store, 10_000);
    expect(action?.state).toBe('sent');
    expect(await anexosCount()).toBe((before ?? 0) + 1);
    expect(serverAttachments()).toEqual([
      expect.objectContaining({ name: 'laudo tecnico.pdf', sha256: sha256(bytes) }),
    ]);
    // The staged copy goes once the upload is recorded as sent, just after the state changes.
    await waitFor(
      async () =>
        !existsSync(staged.stagedPath) &&
        (await harness.store.listStagedAttachments()).length === 0,
      5_000,
      () => 'the staged copy to go',
    );
    expect(existsSync(staged.stagedPath)).toBe(false);
    expect(await harness.store.listStagedAttachments()).toEqual([]);
  });

  it('stages a picked file by path, so the original may go away before the upload', async () => {
    const original = join(harness.dir, 'foto da caixa.jpg');
    const bytes = Buffer.alloc(300_000, 7);
    writeFileSync(original, bytes);
    const attachments = createAttachmentsService(harness.current, {
      pickFiles: () => Promise.resolve([original]),
    });
    const [staged] = await attachments.pick();
    expect(staged).toMatchObject({
      originalName: 'foto da caixa.jpg',
      mime: 'image/jpeg',
      size: bytes.length,
      sha256: sha256(bytes),
    });
    rmSync(original);
    await createActionsService(harness.current).attach(key, [staged?.id ?? '']);
    harness.sender.start();
    const [action] = await settled(harness.store, 10_000);
    expect(action?.state).toBe('sent');
    expect(serverAttachments().map((a) => [a.name, a.size, a.sha256])).toEqual([
      ['foto da caixa.jpg', bytes.length, sha256(bytes)],
    ]);
  });

  it('refuses empty and oversized files before anything is queued', async () => {
    const empty = join(harness.dir, 'vazio.txt');
    writeFileSync(empty, '');
    const huge = join(harness.dir, 'grande.zip');
    writeFileSync(huge, '');
    truncateSync(huge, maxAttachmentBytes + 1);
    const attachments = createAttachmentsService(harness.current, {
      pickFiles: () => Promise.resolve([empty]),
    });
    await expect(attachments.pick()).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'O arquivo "vazio.txt" está vazio (0 bytes) e não pode ser anexado.',
    });
    await expect(
      attachments.stage({ name: 'nada.txt', mimeType: 'text/plain', base64: '' }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/vazio/) });
    const fromPath = createAttachmentsService(harness.current, {
      pickFiles: () => Promise.resolve([huge]),
    });
    await expect(fromPath.pick()).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'O arquivo "grande.zip" tem 20,0 MB; o limite para anexos é 20,0 MB.',
    });
    await expect(
      attachments.stage({
        name: 'grande.bin',
        mimeType: 'application/octet-stream',
        base64: Buffer.alloc(maxAttachmentBytes + 1).toString('base64'),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/limite/) });
    expect(await harness.store.listStagedAttachments()).toEqual([]);
    expect(existsSync(harness.stagingDir) ? readdirSync(harness.stagingDir) : []).toEqual([]);
    expect(await harness.store.listActions()).toEqual([]);
  });

  it('says which file is missing when a picked file vanished or a staged one was deleted', async () => {
    const gone = join(harness.dir, 'contrato.pdf');
    const picker = createAttachmentsService(harness.current, {
      pickFiles: () => Promise.resolve([gone]),
    });
    await expect(picker.pick()).rejects.toMatchObject({
      code: 'not_found',
      message: 'O arquivo "contrato.pdf" não foi encontrado. Ele pode ter sido movido ou apagado.',
    });

    const staged = await createAttachmentsService(harness.current).stage({
      name: 'comprovante.png',
      mimeType: 'image/png',
      base64: Buffer.from('png bytes').toString('base64'),
    });
    await createActionsService(harness.current).attach(key, [staged.id]);
    rmSync(staged.stagedPath);
    harness.sender.start();
    const [action] = await settled(harness.store, 10_000);
    expect(action?.state).toBe('failed');
    expect(action?.lastError?.message).toMatch(
      /O arquivo "comprovante.png" não está mais disponível/,
    );
    expect(serverAttachments()).toEqual([]);
  });

  it('answers that the browser must pick files when there is no native dialog', async () => {
    await expect(createAttachmentsService(harness.current).pick()).rejects.toMatchObject({
      code: 'unavailable',
      message: 'Use o botão de anexar do navegador.',
    });
  });

  it('judges an upload cut short by a crash from anexos_count, and never uploads it twice', async () => {
    const stage = (name: string) =>
      createAttachmentsService(harness.current).stage({
        name,
        mimeType: 'image/png',
        base64: Buffer.alloc(50_000, name.length).toString('base64'),
      });
    const arrived = await stage('planta-baixa.png');
    const lost = await stage('fachada.png');
    const actions = createActionsService(harness.current);
    const first = await actions.attach(key, [arrived.id]);
    const second = await actions.attach(key, [lost.id]);
    // As the sender does before an upload: the count is saved, the action marked sending.
    const before = (await anexosCount()) ?? 0;
    await saveAttachBaseline(harness.store, first.id, before);
    await harness.store.markActionSending(first.id);
    // The first upload reached the server; then the app died.
    await harness.client.addAttachments(target.id, [
      { path: arrived.stagedPath, name: arrived.originalName, mimeType: arrived.mime },
    ]);
    harness.sender.start();
    const final = await settled(harness.store, 10_000);
    expect(final.map((a) => [a.id, a.state])).toEqual([
      [first.id, 'sent'],
      [second.id, 'sent'],
    ]);
    expect(serverAttachments().map((a) => a.name)).toEqual(['planta-baixa.png', 'fachada.png']);
    expect(await anexosCount()).toBe(before + 2);
  });
});

describe('an upload whose answer was lost, then a sign-out purge', () => {
  it('still reads the upload back from its own row and never uploads it twice', async () => {
    const staged = await createAttachmentsService(harness.current).stage({
      name: 'contrato-assinado.pdf',
      mimeType: 'application/pdf',
      base64: Buffer.from('%PDF-1.4 contrato').toString('base64'),
    });
    const action = await createActionsService(harness.current).attach(key, [staged.id]);
    // As the sender does before an upload: the count is saved, the action marked sending.
    const before = (await anexosCount()) ?? 0;
    await saveAttachBaseline(harness.store, action.id, before);
    await harness.store.markActionSending(action.id);
    await harness.client.addAttachments(target.id, [
      { path: staged.stagedPath, name: staged.originalName, mimeType: staged.mime },
    ]);
    // The app died before the answer was recorded; the agent signed out and purged the cache.
    await harness.store.purgeCache();
    harness.sender.start();
    const [final] = await settled(harness.store, 10_000);
    expect(final?.state).toBe('sent');
    expect(serverAttachments().map((a) => a.name)).toEqual(['contrato-assinado.pdf']);
  });
});

describe('an upload to a ticket whose cached opening day is not the server’s', () => {
  it('finds its anexos_count on the days since, and reads an unanswered upload back once', async () => {
    // As for a ticket opened offline late at night and created on the server the next day.
    const detail = await harness.client.getTicket(target.protocol);
    const dayEarlier = new Date(Date.parse(detail.openedAt) - 24 * 3_600_000).toISOString();
    await harness.store.upsertTicketDetail({ ...detail, openedAt: dayEarlier });
    const staged = await createAttachmentsService(harness.current).stage({
      name: 'laudo.pdf',
      mimeType: 'application/pdf',
      base64: Buffer.from('%PDF-1.4 laudo').toString('base64'),
    });
    await createActionsService(harness.current).attach(key, [staged.id]);
    sim.setFaults({ gatewayTimeoutRate: 1 });
    harness.sender.start();
    const [final] = await settled(harness.store, 10_000);
    sim.setFaults({});
    expect({ state: final?.state, error: final?.lastError ?? null }).toEqual({
      state: 'sent',
      error: null,
    });
    expect(serverAttachments().map((a) => a.name)).toEqual(['laudo.pdf']);
  });
});
