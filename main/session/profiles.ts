/**
 * The profiles the agent signed in with (server, client id, user): settings, not secrets, kept in
 * `<dataDir>/profiles.json`. Each profile has its own cache file and staging folder, so two
 * servers or two accounts never share cached tickets or queued actions.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProfileSummary } from '../../preload/types';

export const profilesFileName = 'profiles.json';

export interface ProfilePaths {
  cacheFile: string;
  stagingDir: string;
}

/** Where one profile's SQLite cache and staged attachments live. */
export function profilePaths(dataDir: string, profileId: string): ProfilePaths {
  const folder = join(dataDir, 'profiles', profileId);
  return { cacheFile: join(folder, 'cache.sqlite'), stagingDir: join(folder, 'staged') };
}

/** What identifies a profile: the same server, integration client and user is the same profile. */
export interface ProfileIdentity {
  baseUrl: string;
  clientId: string;
  username: string;
  demo: boolean;
}

/** Also a valid secret-store profile id: letters, digits and `-`, no `/`. */
const profileIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/);

const profileSchema = z.object({
  id: profileIdSchema,
  baseUrl: z.string().min(1),
  clientId: z.string().min(1),
  username: z.string().min(1),
  demo: z.boolean(),
  lastUsedAt: z.iso.datetime().nullable(),
});

const registryFileSchema = z.object({
  version: z.literal(1),
  activeProfileId: profileIdSchema.nullable(),
  profiles: z.array(profileSchema),
});

type RegistryFile = z.infer<typeof registryFileSchema>;

export class ProfileRegistry {
  private constructor(
    private readonly dataDir: string,
    private data: RegistryFile,
  ) {}

  /** Reads the registry; a missing or unreadable file starts empty (profiles are re-created at sign-in). */
  static async open(dataDir: string): Promise<ProfileRegistry> {
    return new ProfileRegistry(dataDir, await readRegistry(join(dataDir, profilesFileName)));
  }

  list(): ProfileSummary[] {
    return [...this.data.profiles]
      .sort((a, b) => (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? ''))
      .map((profile) => ({ ...profile }));
  }

  get(id: string): ProfileSummary | null {
    const profile = this.data.profiles.find((candidate) => candidate.id === id);
    return profile ? { ...profile } : null;
  }

  active(): ProfileSummary | null {
    return this.data.activeProfileId === null ? null : this.get(this.data.activeProfileId);
  }

  /** The profile with this identity, if the agent used it before. Usernames are e-mails: any case. */
  find(identity: ProfileIdentity): ProfileSummary | null {
    const profile = this.data.profiles.find((candidate) =>
      identity.demo
        ? candidate.demo
        : !candidate.demo &&
          candidate.baseUrl === identity.baseUrl &&
          candidate.clientId === identity.clientId &&
          candidate.username.toLowerCase() === identity.username.toLowerCase(),
    );
    return profile ? { ...profile } : null;
  }

  /** A profile not yet saved: saved by `activate` once its sign-in worked. */
  draft(identity: ProfileIdentity): ProfileSummary {
    return { id: randomUUID(), ...identity, lastUsedAt: null };
  }

  /** Saves the profile (new or changed), makes it the active one and stamps its use. */
  async activate(profile: ProfileSummary, now: Date = new Date()): Promise<ProfileSummary> {
    const saved: ProfileSummary = { ...profile, lastUsedAt: now.toISOString() };
    const others = this.data.profiles.filter((candidate) => candidate.id !== profile.id);
    await this.write({ ...this.data, activeProfileId: saved.id, profiles: [...others, saved] });
    return { ...saved };
  }

  /** Signed out: no profile is active, every profile stays listed. */
  async deactivate(): Promise<void> {
    await this.write({ ...this.data, activeProfileId: null });
  }

  private async write(next: RegistryFile): Promise<void> {
    await writeAtomically(this.dataDir, join(this.dataDir, profilesFileName), next);
    this.data = next;
  }
}

async function readRegistry(file: string): Promise<RegistryFile> {
  const empty: RegistryFile = { version: 1, activeProfileId: null, profiles: [] };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw error;
  }
  const parsed = registryFileSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    // Kept aside for support, never silently overwritten: it holds no secrets.
    await rename(file, `${file}.corrupt`).catch(() => undefined);
    return empty;
  }
  const known = parsed.data.profiles.some(({ id }) => id === parsed.data.activeProfileId);
  return known ? parsed.data : { ...parsed.data, activeProfileId: null };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Temp file, fsync, rename: a crash leaves the old registry or the new one, never half of one. */
async function writeAtomically(dataDir: string, file: string, data: RegistryFile): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
