/** The example bodies of hubsoft-api.md, as fixtures; each test gets a fresh deep copy to mutate. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Json = Record<string, unknown>;

const folder = join(import.meta.dirname, 'fixtures');

export function fixture(
  name: 'todos-page' | 'cliente-atendimento' | 'create-answer' | 'put-answer' | 'attachment-answer',
): Json {
  return JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8')) as Json;
}
