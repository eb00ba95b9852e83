/** JSON columns: written with `JSON.stringify`, read back as `JsonValue`. */
import type { JsonValue } from './types';

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}

export function fromJsonOrNull(text: string | null): JsonValue | null {
  return text === null ? null : fromJson(text);
}
