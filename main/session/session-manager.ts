/**
 * Who is signed in, to which server: the profiles, their secrets, the HubSoft client of the active
 * profile and the workspace opened around it. One session at a time; operations run one after the
 * other so a sign-in never interleaves with a switch or a sign-out.
 *
 * A lost session (revoked tokens, no remembered password) does not close anything: the state goes
 * to needs_reauth, the workspace keeps drafts, outbox and screen, and the next sign-in of the same
 * profile puts fresh tokens under the same client.
 */
import { userIdFromAccessToken } from '../hubsoft/token-claims';
import { mkdir } from 'node:fs/promises';
import type {
  CompatibilityReport,
  ConnectionCheck,
  LogoutResult,
  ProfileSummary,
  SessionStatus,
} from '../../preload/types';
import {
  HubsoftClient,
  type Credentials,
  type HubsoftClientOptions,
  type HubsoftError,
} from '../hubsoft';
import type { SecretStore } from '../secrets';
import { normalizeAddress } from './address';
import { watchAuthFailures } from './auth-watch';
import {
  checkConnectionAndCompatibility,
  type ConnectionCheckInput,
  type ConnectionCheckOptions,
} from './connection-check';
import {
  runCompatibilityCheck,
  type CompatibilityCheckOptions,
  type CompatibilitySignIn,
} from './compatibility/run';
import { SessionError } from './errors';
import { signInExplained } from './explained-sign-in';
import { ProfileSecrets } from './profile-secrets';
import { profilePaths, ProfileRegistry, type ProfileIdentity } from './profiles';
import type { DemoBackend, OpenWorkspace, SessionWorkspace } from './types';

export interface LoginInput extends ConnectionCheckInput {
  remember: boolean;
}

export interface SessionManagerOptions {
  dataDir: string;
  secrets: SecretStore;
  openWorkspace: OpenWorkspace;
  /** The in-app demo server; without it startDemo answers demo_unavailable. */
  demo?: DemoBackend;
  /** Rate limit, retries and timeouts of each profile's client. */
  clientOptions?: Omit<HubsoftClientOptions, 'credentials' | 'tokenStore'>;
  connectionCheck?: ConnectionCheckOptions;
  /** Pace and budget of the compatibility probes. */
  compatibility?: CompatibilityCheckOptions;
}

export type SessionListener = (status: SessionStatus) => void;

interface Session {
  profile: ProfileSummary;
  /** Shared with the client, which reads it at each grant: a re-sign-in updates it in place. */
  credentials: Credentials;
  secrets: ProfileSecrets;
  /** The client itself, for sign-in and sign-out; the workspace gets a watched one. */
  client: HubsoftClient;
  workspace: SessionWorkspace;
  state: 'signed_in' | 'needs_reauth';
  reason: string | null;
  signIns: number;
  /** The agent's HubSoft user id, from the access token's subject; null when it has none. */
  userId: number | null;
}

const noPasswordReason =
  'A sessão no HubSoft terminou e a senha não foi guardada. Entre novamente para continuar.';

export class SessionManager {
  private session: Session | null = null;
  private readonly listeners = new Set<SessionListener>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: SessionManagerOptions,
    private readonly registry: ProfileRegistry,
  ) {}

  /** Reads the profiles; call restore() to resume the last session. */
  static async create(options: SessionManagerOptions): Promise<SessionManager> {
    return new SessionManager(options, await ProfileRegistry.open(options.dataDir));
  }

  onChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  status(): SessionStatus {
    const session = this.session;
    return {
      state: session?.state ?? 'signed_out',
      profile: session ? { ...session.profile } : this.registry.active(),
      userId: session?.userId ?? null,
      secretStorage: {
        kind: this.options.secrets.kind,
        persistent: this.options.secrets.persistent,
      },
      reason: session?.state === 'needs_reauth' ? session.reason : null,
    };
  }

  profiles(): ProfileSummary[] {
    return this.registry.list();
  }

  /** At start-up: the active profile's session comes back without the agent when its secrets did. */
  restore(): Promise<SessionStatus> {
    return this.exclusive(async () => {
      const profile = this.registry.active();
      if (profile && !this.session) await this.openProfile(profile);
      return this.changed();
    });
  }

  testConnection(input: ConnectionCheckInput): Promise<ConnectionCheck> {
    return checkConnectionAndCompatibility(
      input,
      this.options.connectionCheck,
      this.options.compatibility,
    );
  }

  /**
   * The compatibility check for the open session (Settings): a kept password signs in afresh, so
   * the sign-in is probed too; without one the session's own token is used.
   */
  async checkCompatibility(): Promise<CompatibilityReport> {
    const session = this.session;
    if (!session) {
      throw new SessionError('no_session', 'Entre no HubSoft para verificar a compatibilidade.');
    }
    const { credentials } = session;
    let signIn: CompatibilitySignIn;
    if (credentials.password !== null) {
      signIn = { kind: 'password', login: { ...credentials, password: credentials.password } };
    } else {
      const tokens = await session.secrets.tokens.load();
      if (!tokens) {
        throw new SessionError('no_session', 'Entre no HubSoft para verificar a compatibilidade.');
      }
      signIn = { kind: 'session', token: tokens.accessToken };
    }
    return runCompatibilityCheck(
      { baseUrl: credentials.baseUrl, signIn },
      this.options.compatibility,
    );
  }

  login(input: LoginInput): Promise<SessionStatus> {
    return this.exclusive(async () => {
      const address = normalizeAddress(input.baseUrl);
      if (!address.ok) throw new SessionError('invalid_address', address.problem);
      const typed: LoginInput = {
        ...input,
        baseUrl: address.baseUrl,
        clientId: input.clientId.trim(),
        username: input.username.trim(),
      };
      const identity: ProfileIdentity = {
        baseUrl: typed.baseUrl,
        clientId: typed.clientId,
        username: typed.username,
        demo: false,
      };
      const current = this.session;
      if (current && !current.profile.demo && sameIdentity(current.profile, identity)) {
        await this.resume(current, typed);
      } else {
        await this.signInFresh(
          this.registry.find(identity) ?? this.registry.draft(identity),
          typed,
        );
      }
      return this.changed();
    });
  }

  /**
   * The re-sign-in prompt: the same server, client and user as the open session, with the client
   * secret the keychain already holds, so the agent types only the password.
   */
  reauthenticate(input: { password: string; remember: boolean }): Promise<SessionStatus> {
    return this.exclusive(async () => {
      const current = this.session;
      if (!current || current.profile.demo) {
        throw new SessionError('no_session', 'Não há sessão aberta para entrar novamente.');
      }
      await this.resume(current, {
        baseUrl: current.profile.baseUrl,
        clientId: current.profile.clientId,
        clientSecret: current.credentials.clientSecret,
        username: current.profile.username,
        password: input.password,
        remember: input.remember,
      });
      return this.changed();
    });
  }

  logout(options: { purgeCache: boolean }): Promise<LogoutResult> {
    return this.exclusive(async () => {
      const session = this.session;
      const profile = session?.profile ?? this.registry.active();
      let result: LogoutResult = { outboxKept: 0, cachePurged: false };
      if (session) {
        this.session = null;
        try {
          result = await closingCounts(session.workspace, options.purgeCache);
          await session.workspace.close();
        } finally {
          await session.client.signOut();
          if (session.profile.demo) await this.options.demo?.stop();
        }
      }
      if (profile) await new ProfileSecrets(this.options.secrets, profile.id).deleteAll();
      await this.registry.deactivate();
      this.changed();
      return result;
    });
  }

  switchProfile(id: string): Promise<SessionStatus> {
    return this.exclusive(async () => {
      const profile = this.registry.get(id);
      if (!profile) {
        throw new SessionError('unknown_profile', 'Este perfil não existe mais. Entre novamente.');
      }
      if (this.session?.profile.id !== id) {
        await this.closeSession();
        await this.openProfile(await this.registry.activate(profile));
      }
      return this.changed();
    });
  }

  startDemo(): Promise<SessionStatus> {
    return this.exclusive(async () => {
      if (!this.session?.profile.demo) {
        const existing = this.registry.find({
          baseUrl: '',
          clientId: '',
          username: '',
          demo: true,
        });
        await this.closeSession();
        await this.openDemo(existing);
      }
      return this.changed();
    });
  }

  /** App shutdown: closes the workspace and stops the demo server; secrets and profiles stay. */
  dispose(): Promise<void> {
    return this.exclusive(async () => {
      await this.closeSession();
      await this.options.demo?.stop();
    });
  }

  private async signInFresh(profile: ProfileSummary, input: LoginInput): Promise<void> {
    const secrets = new ProfileSecrets(this.options.secrets, profile.id);
    const credentials: Credentials = {
      baseUrl: input.baseUrl,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      username: input.username,
      password: input.remember ? input.password : null,
    };
    const client = this.newClient(credentials, secrets);
    await signInExplained(client, input, this.options.connectionCheck);
    await secrets.keep(input.clientSecret, credentials.password);
    await this.closeSession();
    const saved = await this.registry.activate({ ...profile, ...pickIdentity(credentials) });
    await this.openSession(saved, credentials, secrets, client, 'signed_in');
  }

  /** Same profile signing in again: new tokens under the same client, the workspace untouched. */
  private async resume(session: Session, input: LoginInput): Promise<void> {
    const before = { ...session.credentials };
    Object.assign(session.credentials, {
      clientSecret: input.clientSecret,
      password: input.remember ? input.password : null,
    });
    try {
      await signInExplained(session.client, input, this.options.connectionCheck);
    } catch (error) {
      Object.assign(session.credentials, before);
      throw error;
    }
    await session.secrets.keep(input.clientSecret, session.credentials.password);
    session.profile = await this.registry.activate(session.profile);
    session.signIns += 1;
    session.state = 'signed_in';
    session.reason = null;
  }

  /** The active profile's session from its stored secrets, without asking the agent. */
  private async openProfile(profile: ProfileSummary): Promise<void> {
    if (profile.demo) {
      await this.openDemo(profile);
      return;
    }
    const secrets = new ProfileSecrets(this.options.secrets, profile.id);
    const stored = await secrets.storedLogin(profile);
    if (!stored) return;
    const { credentials } = stored;
    // With a password the client signs in by itself on its first call, even with no tokens.
    const state = stored.hasTokens || credentials.password !== null ? 'signed_in' : 'needs_reauth';
    const client = this.newClient(credentials, secrets);
    await this.openSession(profile, credentials, secrets, client, state);
  }

  /** The in-app simulator and its demo account; its address changes on every start. */
  private async openDemo(existing: ProfileSummary | null): Promise<void> {
    const demo = this.options.demo;
    if (!demo) {
      throw new SessionError(
        'demo_unavailable',
        'O modo de demonstração não está disponível aqui.',
      );
    }
    const login = await demo.start();
    const identity = { baseUrl: login.baseUrl, clientId: login.clientId, username: login.username };
    const profile = {
      ...(existing ?? this.registry.draft({ ...identity, demo: true })),
      ...identity,
    };
    const secrets = new ProfileSecrets(this.options.secrets, profile.id);
    const credentials: Credentials = {
      ...identity,
      clientSecret: login.clientSecret,
      password: login.password,
    };
    const client = this.newClient(credentials, secrets);
    try {
      await client.signIn(login.password);
    } catch (error) {
      await demo.stop();
      throw error;
    }
    const saved = await this.registry.activate(profile);
    await this.openSession(saved, credentials, secrets, client, 'signed_in');
  }

  private newClient(credentials: Credentials, secrets: ProfileSecrets): HubsoftClient {
    return new HubsoftClient({
      ...this.options.clientOptions,
      credentials,
      tokenStore: secrets.tokens,
    });
  }

  private async openSession(
    profile: ProfileSummary,
    credentials: Credentials,
    secrets: ProfileSecrets,
    client: HubsoftClient,
    state: Session['state'],
  ): Promise<void> {
    const paths = profilePaths(this.options.dataDir, profile.id);
    await mkdir(paths.stagingDir, { recursive: true, mode: 0o700 });
    const session: Session = {
      profile,
      credentials,
      secrets,
      client,
      workspace: { close: () => Promise.resolve() },
      state,
      reason: state === 'needs_reauth' ? noPasswordReason : null,
      signIns: 1,
      userId: await secrets.tokens.load().then(
        (tokens) => (tokens ? userIdFromAccessToken(tokens.accessToken) : null),
        () => null,
      ),
    };
    const watched = watchAuthFailures(
      client,
      () => session.signIns,
      (error, signInsAtStart) => this.authFailed(session, error, signInsAtStart),
    );
    session.workspace = await this.options.openWorkspace(
      { ...profile, ...paths, userId: session.userId },
      watched,
    );
    this.session = session;
  }

  private authFailed(session: Session, error: HubsoftError, signInsAtStart: number): void {
    if (this.session !== session || session.signIns !== signInsAtStart) return;
    if (session.state === 'needs_reauth') return;
    session.state = 'needs_reauth';
    session.reason = error.message;
    this.changed();
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = null;
    try {
      await session.workspace.close();
    } finally {
      if (session.profile.demo) await this.options.demo?.stop();
    }
  }

  private changed(): SessionStatus {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
    return status;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function sameIdentity(profile: ProfileSummary, identity: ProfileIdentity): boolean {
  return (
    profile.baseUrl === identity.baseUrl &&
    profile.clientId === identity.clientId &&
    profile.username.toLowerCase() === identity.username.toLowerCase()
  );
}

function pickIdentity(
  credentials: Credentials,
): Pick<ProfileSummary, 'baseUrl' | 'clientId' | 'username'> {
  return {
    baseUrl: credentials.baseUrl,
    clientId: credentials.clientId,
    username: credentials.username,
  };
}

/** Outbox actions kept at sign-out, purging the cache first when the agent asked. */
async function closingCounts(
  workspace: SessionWorkspace,
  purgeCache: boolean,
): Promise<LogoutResult> {
  if (purgeCache && workspace.purgeCache) {
    return { outboxKept: await workspace.purgeCache(), cachePurged: true };
  }
  return { outboxKept: (await workspace.outboxCount?.()) ?? 0, cachePurged: false };
}
