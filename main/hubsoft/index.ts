/** The HubSoft client's public surface, for main's services. */
export {
  HubsoftClient,
  type AttachmentOptions,
  type AttachmentReceipt,
  type CallOptions,
  type HubsoftClientOptions,
} from './client';
export {
  HubsoftError,
  isHubsoftError,
  type HubsoftErrorData,
  type HubsoftErrorDetails,
  type HubsoftErrorKind,
} from './errors';
export type * from './model';
export type { RateLimit } from './rate-limit';
export type { RetryPolicy } from './backoff';
export type * from './requests';
export type { Credentials, StoredTokens, TokenStore } from './session-types';
export type { UploadProgress } from './transport';
