/** Cached HubSoft configuration lists (ticket types, statuses, closing reasons...). */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ConfigItem, ConfigListName } from '../hubsoft/model';
import type { LabelLookup } from './ticket-fields';
import type { StoredConfigList } from './types';

const configItems = z.array(
  z.object({ id: z.number(), label: z.string(), raw: z.record(z.string(), z.unknown()) }),
);

export class ConfigLists {
  private readonly select: Database.Statement<{ items: string; fetched_at: string }>;
  private readonly upsert: Database.Statement;
  /** Built once per change of the lists: backfill pages ask for labels on every ticket. */
  private cachedLabels: LabelLookup | null = null;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.select = db.prepare('SELECT items, fetched_at FROM config_lists WHERE name = ?');
    this.upsert = db.prepare(
      `INSERT INTO config_lists (name, items, fetched_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET items = excluded.items, fetched_at = excluded.fetched_at`,
    );
  }

  get(name: ConfigListName): StoredConfigList<ConfigItem> | null {
    const row = this.select.get(name);
    if (!row) return null;
    return { items: configItems.parse(JSON.parse(row.items)), fetchedAt: row.fetched_at };
  }

  set(name: ConfigListName, items: ConfigItem[]): StoredConfigList<ConfigItem> {
    const fetchedAt = this.now().toISOString();
    this.upsert.run(name, JSON.stringify(items), fetchedAt);
    this.cachedLabels = null;
    return { items, fetchedAt };
  }

  /** Labels for status and type ids; an id missing from the cache shows as `#id`. */
  labels(): LabelLookup {
    this.cachedLabels ??= this.buildLabels();
    return this.cachedLabels;
  }

  private buildLabels(): LabelLookup {
    const statuses = new Map((this.get('ticketStatuses')?.items ?? []).map((i) => [i.id, i]));
    const types = new Map((this.get('ticketTypes')?.items ?? []).map((i) => [i.id, i]));
    return {
      status(id) {
        const item = statuses.get(id);
        const prefix = item?.raw.prefixo;
        return { prefix: typeof prefix === 'string' ? prefix : '', label: item?.label ?? `#${id}` };
      },
      type(id) {
        return types.get(id)?.label ?? `#${id}`;
      },
    };
  }
}
