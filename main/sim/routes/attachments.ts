/**
 * `adicionar_anexo`: multipart with `files[0]`, `files[1]`, ... Files are streamed through a hash
 * and counted; only name, type, size and SHA-256 are kept, never the bytes.
 */
import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { hubsoftError, json, type Reply } from '../http-io';
import type { AttachmentRecord } from '../records';
import type { Router, SimRequest } from '../router';
import type { SimState } from '../state';
import { pathId, ticketNotFound } from './ticket-common';

const MAX_FILE_BYTES = 25 * 1024 * 1024;
const MAX_FILES = 20;
const FILE_FIELD = /^files(\[\d*\])?$/;

type Received = Omit<AttachmentRecord, 'id' | 'createdAt'> & { truncated: boolean };

function receiveFiles(request: SimRequest): Promise<Received[]> {
  return new Promise((resolve, reject) => {
    const parser = busboy({
      headers: request.raw.headers,
      // File names arrive as UTF-8 ("relatório.pdf"); busboy would read them as latin1.
      defParamCharset: 'utf8',
      limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES },
    });
    const pending: Promise<Received | null>[] = [];
    parser.on('file', (field, stream, info) => {
      pending.push(
        new Promise((done, fail) => {
          if (!FILE_FIELD.test(field)) {
            stream.resume();
            stream.on('end', () => done(null));
            return;
          }
          const hash = createHash('sha256');
          let size = 0;
          let truncated = false;
          stream.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            size += chunk.length;
          });
          stream.on('limit', () => {
            truncated = true;
          });
          stream.on('error', fail);
          stream.on('end', () =>
            done({
              field,
              name: info.filename ?? 'arquivo',
              mimeType: info.mimeType,
              size,
              sha256: hash.digest('hex'),
              truncated,
            }),
          );
        }),
      );
    });
    parser.on('error', reject);
    parser.on('close', () => {
      Promise.all(pending)
        .then((files) => resolve(files.filter((file): file is Received => file !== null)))
        .catch(reject);
    });
    request.raw.pipe(parser);
  });
}

async function addAttachments(state: SimState, request: SimRequest): Promise<Reply> {
  const id = pathId(request.params.id_atendimento);
  const existing = id === null ? null : state.dataset.get(id);
  if (id === null || !existing) {
    request.raw.resume();
    return ticketNotFound(request.params.id_atendimento ?? '');
  }
  const type = request.raw.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    request.raw.resume();
    return hubsoftError('O envio de anexos deve ser multipart/form-data.');
  }
  let files: Received[];
  try {
    files = await receiveFiles(request);
  } catch (error) {
    return hubsoftError('Não foi possível ler os anexos enviados.', [(error as Error).message]);
  }
  if (files.length === 0) {
    return hubsoftError('Nenhum arquivo foi enviado.', ['O campo files é obrigatório.']);
  }
  const tooBig = files.find((file) => file.truncated);
  if (tooBig) {
    return hubsoftError(`O arquivo ${tooBig.name} excede o tamanho máximo de 25 MB.`);
  }
  const record = state.dataset.forUpdate(id);
  if (!record) return ticketNotFound(String(id));
  for (const file of files) {
    record.attachments.push({
      id: state.dataset.takeAttachmentId(),
      field: file.field,
      name: file.name,
      mimeType: file.mimeType,
      size: file.size,
      sha256: file.sha256,
      createdAt: request.now,
    });
  }
  state.dataset.saved(record);
  return json({
    status: 'success',
    msg: 'Anexo Adicionado com sucesso',
    atendimento: { id_atendimento: record.id, protocolo: record.protocol },
  });
}

export function addAttachmentRoutes(router: Router, state: SimState): void {
  router.add('POST', '/api/v1/integracao/atendimento/adicionar_anexo/:id_atendimento', (request) =>
    addAttachments(state, request),
  );
}
