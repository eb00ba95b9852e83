import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActionsService } from '../../../main/api/actions-service';
import { createAttachmentsService } from '../../../main/api/attachments-service';
import { startSimulator, type RunningSimulator } from '../../../main/sim/server';
import type { StagedAttachment } from '../../../preload/types';
import { maxAttachmentBytes } from '../../../preload/schemas';
import { cacheTickets, startHarness, workableTickets, type Harness } from '../outbox/harness';

let sim: RunningSimulator;
let harness: Harness;
let ticketKey: string;
let files: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 21, tickets: 30 });
  harness = await startHarness(sim);
  const [ticket] = workableTickets(sim, 1);
  const keys = await cacheTickets(harness.store, harness.client, [ticket?.protocol ?? '']);
  ticketKey = keys.get(ticket?.protocol ?? '') ?? '';
  files = join(harness.dir, 'escolhidos');
  mkdirSync(files);
});

afterAll(async () => {
  await harness.close();
  await sim.close();
});

afterEach(async () => {
  const attachments = createAttachmentsService(harness.current);
  for (const file of await harness.store.listStagedAttachments()) {
    await attachments.discard(file.id);
  }
});

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const isRoot = process.getuid?.() === 0;

function picker(paths: string[]) {
  return createAttachmentsService(harness.current, { pickFiles: () => Promise.resolve(paths) });
}

async function expectNothingStagedOrQueued(): Promise<void> {
  expect(await harness.store.listStagedAttachments()).toEqual([]);
  expect(existsSync(harness.stagingDir) ? readdirSync(harness.stagingDir) : []).toEqual([]);
  expect(await harness.store.listActions()).toEqual([]);
}

/** What a name must be to be shown, sent to HubSoft and saved on any OS without surprises. */
function expectSafeName(name: string): void {
  expect(name).not.toMatch(/[/\\<>:"|?*]/);
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  expect(name).not.toMatch(/\p{Cs}/u);
  expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
  expect(name).not.toMatch(/^[\s.]|[\s.]$/);
  expect(name.length).toBeGreaterThan(0);
  expect(name.length).toBeLessThanOrEqual(120);
}

function expectInsideStaging(file: StagedAttachment): void {
  const inside = relative(harness.stagingDir, file.stagedPath);
  expect(inside).not.toMatch(/^\.\.|[/\\]/);
  expect(existsSync(file.stagedPath)).toBe(true);
}

describe('files that cannot be attached are refused before anything is queued', () => {
  it.each([
    ['empty', () => writeFileSync(join(files, 'vazio.txt'), ''), 'vazio.txt', /está vazio/],
    [
      'over 20 MB',
      () => {
        writeFileSync(join(files, 'grande.iso'), '');
        truncateSync(join(files, 'grande.iso'), maxAttachmentBytes + 1);
      },
      'grande.iso',
      /o limite para anexos é 20,0 MB/,
    ],
    ['vanished', () => undefined, 'sumiu.pdf', /não foi encontrado/],
    ['a folder', () => mkdirSync(join(files, 'pasta.pdf')), 'pasta.pdf', /não foi encontrado/],
    ['an endless device', () => undefined, '/dev/zero', /não foi encontrado/],
  ])('a file that is %s gets a message naming it', async (_what, make, name, message) => {
    make();
    const path = name.startsWith('/') ? name : join(files, name);
    const baseName = path.split('/').pop() ?? '';
    await expect(picker([path]).pick()).rejects.toMatchObject({
      message: expect.stringMatching(message),
    });
    await expect(picker([path]).pick()).rejects.toMatchObject({
      message: expect.stringContaining(`"${baseName}"`),
    });
    await expectNothingStagedOrQueued();
  });

  it('a named pipe is refused instead of waiting forever for a writer', async (context) => {
    if (process.platform === 'win32') context.skip('named pipes are files of another kind here');
    const fifo = join(files, 'pipe.log');
    execFileSync('mkfifo', [fifo]);
    await expect(picker([fifo]).pick()).rejects.toMatchObject({ code: 'not_found' });
    await expectNothingStagedOrQueued();
  });

  it('a file the agent may not read is refused with a message naming it', async (context) => {
    if (isRoot) context.skip('running as root, which reads any file whatever its mode');
    const locked = join(files, 'bloqueado.pdf');
    writeFileSync(locked, 'segredo');
    chmodSync(locked, 0o000);
    await expect(picker([locked]).pick()).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('"bloqueado.pdf"'),
    });
    await expectNothingStagedOrQueued();
  });

  it('a file that links to another file is refused instead of uploading what it points to', async (context) => {
    if (process.platform === 'win32')
      context.skip('creating links needs administrator rights here');
    const privateKey = join(harness.dir, 'id_rsa');
    writeFileSync(privateKey, '-----BEGIN OPENSSH PRIVATE KEY-----');
    const disguised = join(files, 'Comprovante.pdf');
    symlinkSync(privateKey, disguised);
    await expect(picker([disguised]).pick()).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/"Comprovante\.pdf" é um atalho \(link simbólico\)/),
    });
    await expectNothingStagedOrQueued();
  });

  it('a link to a folder or a device is refused as a link too', async (context) => {
    if (process.platform === 'win32')
      context.skip('creating links needs administrator rights here');
    symlinkSync('/dev/zero', join(files, 'zeros.bin'));
    symlinkSync(harness.dir, join(files, 'pasta-link.pdf'));
    for (const name of ['zeros.bin', 'pasta-link.pdf']) {
      await expect(picker([join(files, name)]).pick()).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining(`"${name}" é um atalho`),
      });
    }
    await expectNothingStagedOrQueued();
  });

  it('one bad file among good ones stages none of them', async () => {
    const good = join(files, 'bom.txt');
    writeFileSync(good, 'conteúdo');
    writeFileSync(join(files, 'vazio2.txt'), '');
    await expect(picker([good, join(files, 'vazio2.txt')]).pick()).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('"vazio2.txt"'),
    });
    await expectNothingStagedOrQueued();
  });

  it('a staged id that is a path, inside or outside the staging folder, attaches nothing', async () => {
    const outside = join(harness.dir, 'fora.txt');
    writeFileSync(outside, 'fora');
    const actions = createActionsService(harness.current);
    for (const id of [outside, '../fora.txt', '../../../../etc/passwd', harness.stagingDir]) {
      await expect(actions.attach(ticketKey, [id])).rejects.toMatchObject({ code: 'not_found' });
      await expect(createAttachmentsService(harness.current).discard(id)).rejects.toMatchObject({
        code: 'not_found',
      });
    }
    expect(readFileSync(outside, 'utf8')).toBe('fora');
    await expectNothingStagedOrQueued();
  });
});

const oddNames = [
  '../../../etc/passwd',
  '..\\..\\Windows\\win.ini',
  'C:\\fakepath\\nota fiscal.pdf',
  '..',
  '.',
  ' . ',
  'sino\u0007 e nulo\u0000.txt',
  'linha\nnova\r.txt',
  'esc\u001b[31mvermelho.txt',
  `${'relatório '.repeat(30)}.xlsx`,
  `${'😀'.repeat(150)}.png`,
  'fatura\u202Efdp.exe',
  'oculto\u200f\u2066.pdf',
  'CON',
  'con.txt',
  'NUL.pdf',
  'COM1',
  'lpt9.log',
  'metade\uD800.txt',
  '<script>alert(1)</script>.html',
];

describe('oddly named files are staged under a safe name, their bytes intact', () => {
  it.each(oddNames)('bytes sent as %j', async (name) => {
    const bytes = Buffer.from(`conteúdo de ${name}`);
    const staged = await createAttachmentsService(harness.current).stage({
      name,
      mimeType: '',
      base64: bytes.toString('base64'),
    });
    expectSafeName(staged.originalName);
    expectInsideStaging(staged);
    expect(staged.sha256).toBe(sha256(bytes));
    expect(readFileSync(staged.stagedPath)).toEqual(bytes);
    const action = await createActionsService(harness.current).attach(ticketKey, [staged.id]);
    expect(action).toMatchObject({ kind: 'attach', state: 'queued' });
    await harness.store.discardAction(action.id);
  });

  // Names a Linux disk can hold (no "/" or NUL, at most 255 bytes).
  const onDisk = [
    'a\\b.txt',
    'sino\u0007.txt',
    'linha\nnova.txt',
    'fatura\u202Efdp.exe',
    'CON',
    'aux.pdf',
    '-rf',
    `${'x'.repeat(250)}.pdf`,
    ' espaço .txt ',
    '....',
  ];
  it.each(onDisk)('a file picked from disk named %j', async (name) => {
    const path = join(files, name);
    const bytes = Buffer.from(`arquivo ${name}`);
    writeFileSync(path, bytes);
    const [staged] = await picker([path]).pick();
    if (!staged) throw new Error('nothing staged');
    expectSafeName(staged.originalName);
    expectInsideStaging(staged);
    expect(readFileSync(staged.stagedPath)).toEqual(bytes);
  });
});
