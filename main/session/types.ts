/**
 * What the session layer asks of the rest of the app: a workspace per signed-in profile (store,
 * sync and outbox, composed by the lead) and, for demo mode, an in-app HubSoft to sign in to.
 */
import type { ProfileSummary } from '../../preload/types';
import type { HubsoftClient } from '../hubsoft';
import type { ProfilePaths } from './profiles';

/**
 * The profile a workspace serves, with where its cache and staged files live and the agent's
 * HubSoft user id ("my tickets") when the token tells it.
 */
export type WorkspaceProfile = ProfileSummary & ProfilePaths & { userId: number | null };

export interface SessionWorkspace {
  /** Stops syncing and sending, and closes the cache. */
  close(): Promise<void>;
  /** Empties the cached tickets but keeps the outbox; answers how many outbox actions it kept. */
  purgeCache?(): Promise<number>;
  /** Outbox actions not yet sent: what sign-out keeps for the next sign-in. */
  outboxCount?(): Promise<number>;
}

/**
 * Opens the profile's workspace around its client. Called once per session: re-signing in after a
 * revoked token keeps the same workspace and client, so drafts, outbox and screen stay as they are.
 */
export type OpenWorkspace = (
  profile: WorkspaceProfile,
  client: HubsoftClient,
) => Promise<SessionWorkspace>;

/** Where the in-app demo server runs and the account it accepts. */
export interface DemoLogin {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

export interface DemoBackend {
  /** Starts the demo server unless it runs already; answers where it is. */
  start(): Promise<DemoLogin>;
  /** Stops it; nothing happens when it is not running. */
  stop(): Promise<void>;
}
