/** Files copied into the profile's staging folder, waiting for an attach action to send them. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { NewStagedAttachment, StagedAttachment } from './types';

interface StagedRow {
  id: string;
  original_name: string;
  staged_path: string;
  size: number;
  mime: string;
  sha256: string;
  created_at: string;
}

export class StagedAttachments {
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO staged_attachments (id, original_name, staged_path, size, mime, sha256, created_at)
         VALUES (@id, @original_name, @staged_path, @size, @mime, @sha256, @created_at)`,
      ),
      byIds: db.prepare<StagedRow>(
        `SELECT * FROM staged_attachments WHERE id IN (SELECT value FROM json_each(?))
         ORDER BY created_at, id`,
      ),
      all: db.prepare<StagedRow>('SELECT * FROM staged_attachments ORDER BY created_at, id'),
      remove: db.prepare('DELETE FROM staged_attachments WHERE id = ?'),
    };
  }

  add(file: NewStagedAttachment): StagedAttachment {
    const staged = { ...file, id: randomUUID(), createdAt: this.now().toISOString() };
    this.statements.insert.run({
      id: staged.id,
      original_name: staged.originalName,
      staged_path: staged.stagedPath,
      size: staged.size,
      mime: staged.mime,
      sha256: staged.sha256,
      created_at: staged.createdAt,
    });
    return staged;
  }

  get(ids: string[]): StagedAttachment[] {
    return this.statements.byIds.all(JSON.stringify(ids)).map(toStaged);
  }

  list(): StagedAttachment[] {
    return this.statements.all.all().map(toStaged);
  }

  remove(id: string): boolean {
    return this.statements.remove.run(id).changes > 0;
  }
}

function toStaged(row: StagedRow): StagedAttachment {
  return {
    id: row.id,
    originalName: row.original_name,
    stagedPath: row.staged_path,
    size: row.size,
    mime: row.mime,
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}
