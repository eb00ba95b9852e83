/**
 * Canned replies: templates the agent writes, with variables filled from the open ticket, kept per
 * profile on this machine, importable and exportable as JSON.
 */
import { z } from 'zod';
import { demoCannedReplies } from '../demo-canned';
import { readStored, writeStored } from '../local-store';

const templateSchema = z.object({
  name: z.string().trim().min(1).max(80),
  body: z.string().min(1).max(20_000),
});
export type CannedReply = z.infer<typeof templateSchema>;
const fileSchema = z.array(templateSchema).max(500);

export interface TemplateValues {
  cliente: string;
  protocolo: string;
  plano: string;
}

export const templateVariables = ['cliente', 'protocolo', 'plano'] as const;

export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(/\{\{\s*(cliente|protocolo|plano)\s*\}\}/g, (_match, name: string) => {
    return values[name as keyof TemplateValues];
  });
}

class CannedStore {
  replies = $state.raw<CannedReply[]>([]);
  private profileId: string | null = null;

  private get storageKey(): string {
    return `hubdesk.canned.${this.profileId ?? 'none'}`;
  }

  /**
   * Loads the profile's replies. A demo profile that never had any starts with a few, once: a
   * list the agent kept, even emptied, is never replaced.
   */
  useProfile(profileId: string | null, options: { demo?: boolean } = {}): void {
    this.profileId = profileId;
    const stored = readStored(this.storageKey);
    if (stored === null && options.demo === true) {
      this.replies = [...demoCannedReplies];
      writeStored(this.storageKey, this.replies);
      return;
    }
    const parsed = fileSchema.safeParse(stored);
    this.replies = parsed.success ? parsed.data : [];
  }

  upsert(reply: CannedReply, previousName?: string): void {
    const without = this.replies.filter(
      (existing) => existing.name !== reply.name && existing.name !== previousName,
    );
    this.replies = [...without, reply].sort((a, b) => a.name.localeCompare(b.name));
    writeStored(this.storageKey, this.replies);
  }

  remove(name: string): void {
    this.replies = this.replies.filter((reply) => reply.name !== name);
    writeStored(this.storageKey, this.replies);
  }

  exportJson(): string {
    return JSON.stringify(this.replies, null, 2);
  }

  /** Merges a JSON file's templates; resolves with how many were read, or throws for a bad file. */
  importJson(text: string): number {
    const parsed = fileSchema.safeParse(JSON.parse(text) as unknown);
    if (!parsed.success) throw new Error('invalid');
    for (const reply of parsed.data) this.upsert(reply);
    return parsed.data.length;
  }

  matching(query: string): CannedReply[] {
    const needle = query.toLocaleLowerCase('pt-BR');
    return this.replies.filter((reply) => reply.name.toLocaleLowerCase('pt-BR').includes(needle));
  }
}

export const canned = new CannedStore();
