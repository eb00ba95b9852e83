/**
 * Files waiting to be attached: copied into the profile's staging folder under a random name
 * (so the agent may move or delete the original), hashed while copying, and recorded in the store.
 * Size limits are checked here, before anything can be queued.
 */
import { createHash, randomUUID } from 'node:crypto';
import { constants, createWriteStream, type Stats } from 'node:fs';
import { lstat, mkdir, open, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, join, relative, isAbsolute } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../preload/errors';
import { maxAttachmentBytes } from '../../preload/schemas';
import type { Store } from '../store/client';
import type { StagedAttachment } from '../store/types';
import { describeSize, mimeFromName, sanitizeFileName } from './file-names';

export interface BytesToStage {
  name: string;
  mimeType: string;
  base64: string;
}

function emptyFile(name: string): AppError {
  return new AppError(
    'invalid_input',
    `O arquivo "${name}" está vazio (0 bytes) e não pode ser anexado.`,
  );
}

function tooLarge(name: string, size: number): AppError {
  return new AppError(
    'invalid_input',
    `O arquivo "${name}" tem ${describeSize(size)}; o limite para anexos é ${describeSize(maxAttachmentBytes)}.`,
  );
}

function checkSize(name: string, size: number): void {
  if (size === 0) throw emptyFile(name);
  if (size > maxAttachmentBytes) throw tooLarge(name, size);
}

async function stagingPath(stagingDir: string): Promise<string> {
  await mkdir(stagingDir, { recursive: true });
  return join(stagingDir, randomUUID());
}

const base64Text = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes the browser host or a drag and drop sent as base64. */
export async function stageBytes(
  store: Store,
  stagingDir: string,
  input: BytesToStage,
): Promise<StagedAttachment> {
  const name = sanitizeFileName(input.name);
  const compact = input.base64.replace(/\s+/g, '');
  if (!base64Text.test(compact) || compact.length % 4 === 1) {
    throw new AppError(
      'invalid_input',
      `O conteúdo do arquivo "${name}" não veio em base64 válido.`,
    );
  }
  const bytes = Buffer.from(compact, 'base64');
  checkSize(name, bytes.length);
  const path = await stagingPath(stagingDir);
  await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
  return record(store, path, {
    originalName: name,
    size: bytes.length,
    mime: input.mimeType.trim() || mimeFromName(name),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
}

function notFound(name: string): AppError {
  return new AppError(
    'not_found',
    `O arquivo "${name}" não foi encontrado. Ele pode ter sido movido ou apagado.`,
  );
}

function symbolicLink(name: string): AppError {
  return new AppError(
    'invalid_input',
    `O arquivo "${name}" é um atalho (link simbólico) para outro arquivo e não pode ser anexado. Escolha o arquivo original.`,
  );
}

// O_NOFOLLOW makes the open itself refuse a link (Windows has no such flag: the lstat/fstat
// identity check below covers it); O_NONBLOCK keeps a named pipe swapped in from blocking the open.
const openWithoutFollowing =
  constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Opens the picked path itself, never what a link points to: a "Comprovante.pdf" linking to a
 * private key must not be uploaded. What is checked (fstat) and what is read are one descriptor,
 * so the file cannot be swapped between the check and the copy.
 */
async function openPickedFile(source: string, name: string): Promise<FileHandle> {
  const entry = await lstat(source).catch(() => null);
  if (entry?.isSymbolicLink()) throw symbolicLink(name);
  if (!entry?.isFile()) throw notFound(name);
  const handle = await open(source, openWithoutFollowing).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw symbolicLink(name);
    throw notFound(name);
  });
  const opened = await handle.stat().catch(() => null);
  if (!opened?.isFile() || !sameFile(entry, opened)) {
    await handle.close();
    throw notFound(name);
  }
  try {
    checkSize(name, opened.size);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** A file the native picker chose: streamed into the staging folder, hashed on the way. */
export async function stagePath(
  store: Store,
  stagingDir: string,
  source: string,
): Promise<StagedAttachment> {
  const name = sanitizeFileName(basename(source));
  const handle = await openPickedFile(source, name);
  const path = await stagingPath(stagingDir).catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      hash.update(chunk);
      // The file may grow after it was checked: the limit holds for what is actually copied.
      if (size > maxAttachmentBytes) done(tooLarge(name, size));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(
      handle.createReadStream(),
      measure,
      createWriteStream(path, { flags: 'wx', mode: 0o600 }),
    );
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError(
      'not_found',
      `Não foi possível ler o arquivo "${name}". Ele pode ter sido movido ou apagado.`,
    );
  } finally {
    await handle.close().catch(() => undefined);
  }
  if (size === 0) {
    await rm(path, { force: true });
    throw emptyFile(name);
  }
  return record(store, path, {
    originalName: name,
    size,
    mime: mimeFromName(name),
    sha256: hash.digest('hex'),
  });
}

async function record(
  store: Store,
  stagedPath: string,
  file: Omit<StagedAttachment, 'id' | 'createdAt' | 'stagedPath'>,
): Promise<StagedAttachment> {
  try {
    return await store.stageAttachment({ ...file, stagedPath });
  } catch (error) {
    await rm(stagedPath, { force: true });
    throw error;
  }
}

/** Only files inside the staging folder are ever deleted, whatever a row says. */
function insideStaging(stagingDir: string, path: string): boolean {
  const inside = relative(stagingDir, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/** Deletes staged files and their rows (after a sent attach, or when the agent drops one). */
export async function removeStaged(
  store: Store,
  stagingDir: string,
  files: readonly StagedAttachment[],
): Promise<void> {
  for (const file of files) {
    if (insideStaging(stagingDir, file.stagedPath)) await rm(file.stagedPath, { force: true });
    await store.removeStagedAttachment(file.id);
  }
}

/** The first staged file that is gone from disk or changed size since it was staged. */
export async function firstUnusableFile(
  files: readonly StagedAttachment[],
): Promise<StagedAttachment | null> {
  for (const file of files) {
    const info = await stat(file.stagedPath).catch(() => null);
    if (!info?.isFile() || info.size !== file.size) return file;
  }
  return null;
}
