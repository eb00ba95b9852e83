/** The agent's session: who is signed in, on which profile, and whether a re-sign-in is needed. */
import type { AppInfo } from '../../../../preload/contract';
import type { ConnectionCheck, ProfileSummary, SessionStatus } from '../../../../preload/types';
import { hubdesk } from '../hubdesk';
import { errorMessage } from '../hubdesk-call';

export interface Credentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

class SessionStore {
  status = $state.raw<SessionStatus | null>(null);
  profiles = $state.raw<ProfileSummary[]>([]);
  info = $state.raw<AppInfo | null>(null);
  /** Why the app could not reach its own back end at all (no secret, closed socket). */
  infoError = $state<string | null>(null);
  /** Why session.status failed; the sign-in screen shows it. */
  statusError = $state<string | null>(null);
  busy = $state(false);
  /** The agent chose "later" on the re-sign-in prompt; the status bar offers it again. */
  reauthDeferred = $state(false);

  get signedIn(): boolean {
    return this.status !== null && this.status.state !== 'signed_out';
  }

  get profileId(): string | null {
    return this.status?.profile?.id ?? null;
  }

  async start(): Promise<void> {
    hubdesk().on('session', (status) => this.accept(status));
    try {
      this.info = await hubdesk().app.info();
    } catch (error) {
      this.infoError = errorMessage(error);
      return;
    }
    await Promise.all([this.loadStatus(), this.loadProfiles()]);
  }

  private accept(status: SessionStatus): void {
    if (status.state !== 'needs_reauth') this.reauthDeferred = false;
    this.status = status;
    this.statusError = null;
    void this.loadProfiles();
  }

  private async loadStatus(): Promise<void> {
    try {
      this.accept(await hubdesk().session.status());
    } catch (error) {
      this.statusError = errorMessage(error);
    }
  }

  async loadProfiles(): Promise<void> {
    try {
      this.profiles = await hubdesk().session.profiles();
    } catch {
      this.profiles = [];
    }
  }

  private async run(call: () => Promise<SessionStatus>): Promise<string | null> {
    this.busy = true;
    try {
      this.accept(await call());
      return null;
    } catch (error) {
      return errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  /** Resolves with the agent-facing problem, or null when signed in. */
  /** The re-sign-in prompt: only the password; the keychain still has the client secret. */
  reauthenticate(password: string, remember: boolean): Promise<string | null> {
    return this.run(() => hubdesk().session.reauthenticate({ password, remember }));
  }

  login(credentials: Credentials, remember: boolean): Promise<string | null> {
    return this.run(() => hubdesk().session.login({ ...credentials, remember }));
  }

  startDemo(): Promise<string | null> {
    return this.run(() => hubdesk().session.startDemo());
  }

  switchProfile(id: string): Promise<string | null> {
    return this.run(() => hubdesk().session.switchProfile(id));
  }

  async testConnection(credentials: Credentials): Promise<ConnectionCheck | string> {
    this.busy = true;
    try {
      return await hubdesk().session.testConnection(credentials);
    } catch (error) {
      return errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  async logout(purgeCache: boolean): Promise<string | null> {
    try {
      await hubdesk().session.logout({ purgeCache });
      await this.loadStatus();
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }
}

export const session = new SessionStore();
