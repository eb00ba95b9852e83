/**
 * Which secrets exist and how a (profile, name) pair becomes one storage key. Profile ids cannot
 * contain `/`, so `${profileId}/${name}` is unambiguous and a prefix match on `${profileId}/`
 * finds exactly one profile's entries, never a neighbour's.
 */
import { SecretStoreError, type SecretOperation } from './errors';

export const secretNames = [
  'access-token',
  'refresh-token',
  'token-expiry',
  /** Access token, refresh token and expiry as one JSON value, for callers that update them together. */
  'tokens',
  'client-secret',
  'password',
] as const;

export type SecretName = (typeof secretNames)[number];

/** Letters, digits and `._@:+-`, starting with a letter or digit; no `/`, no whitespace. */
const profileIdPattern = /^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}$/;

/** Keychains cap entry sizes differently; 16 KiB holds any token HubSoft issues with room to spare. */
export const maxSecretLength = 16 * 1024;

export function checkProfileId(profileId: unknown, operation: SecretOperation): string {
  if (typeof profileId !== 'string' || !profileIdPattern.test(profileId)) {
    throw new SecretStoreError(
      'invalid_secret_key',
      'Identificador de perfil inválido para o cofre de segredos.',
      operation,
    );
  }
  return profileId;
}

export function checkSecretName(name: unknown, operation: SecretOperation): SecretName {
  if (!secretNames.some((known) => known === name)) {
    throw new SecretStoreError(
      'invalid_secret_key',
      'Nome de segredo desconhecido para o cofre de segredos.',
      operation,
    );
  }
  return name as SecretName;
}

export function checkSecretValue(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxSecretLength) {
    throw new SecretStoreError(
      'invalid_secret_key',
      `O segredo precisa ser um texto de 1 a ${maxSecretLength} caracteres.`,
      'set',
    );
  }
  return value;
}

export function accountFor(profileId: string, name: SecretName): string {
  return `${profileId}/${name}`;
}

export function profilePrefix(profileId: string): string {
  return `${profileId}/`;
}
