/** Named inbox filters the agent saves, per profile, on this machine. */
import { z } from 'zod';
import { inboxFiltersSchema, type InboxFilters } from '../inbox-filters';
import { readStored, writeStored } from '../local-store';

const viewSchema = z.object({
  name: z.string().min(1).max(80),
  filters: inboxFiltersSchema,
});
export type SavedView = z.infer<typeof viewSchema>;

class SavedViewsStore {
  views = $state.raw<SavedView[]>([]);
  private profileId: string | null = null;

  private get storageKey(): string {
    return `hubdesk.views.${this.profileId ?? 'none'}`;
  }

  useProfile(profileId: string | null): void {
    this.profileId = profileId;
    const parsed = z.array(viewSchema).safeParse(readStored(this.storageKey));
    this.views = parsed.success ? parsed.data : [];
  }

  save(name: string, filters: InboxFilters): void {
    const view = { name: name.trim(), filters: { ...filters } };
    this.views = [...this.views.filter((existing) => existing.name !== view.name), view];
    writeStored(this.storageKey, this.views);
  }

  remove(name: string): void {
    this.views = this.views.filter((view) => view.name !== name);
    writeStored(this.storageKey, this.views);
  }
}

export const savedViews = new SavedViewsStore();
