/**
 * Loads the native keytar module. keytar is CommonJS, so a dynamic import may hand back its
 * exports under `default`; either way the shape is checked before anyone calls into it.
 */
import type { KeytarLike } from './keytar-store';

const keytarMethods = ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'] as const;

export async function loadKeytarModule(): Promise<KeytarLike> {
  const loaded: unknown = await import('keytar');
  const candidates = [loaded, (loaded as { default?: unknown } | null)?.default];
  const keytar = candidates.find(isKeytarLike);
  if (!keytar) throw new Error('O módulo keytar carregou sem as funções esperadas.');
  return keytar;
}

function isKeytarLike(value: unknown): value is KeytarLike {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return keytarMethods.every((method) => typeof record[method] === 'function');
}
