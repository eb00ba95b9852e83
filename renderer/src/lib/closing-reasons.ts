/**
 * Which closing reasons fit a ticket: the list links a reason to ticket types through
 * `motivos_fechamento_tipo_atendimento`, and an empty (or absent) link means every type (facts §5).
 */
import type { ConfigItem } from '../../../preload/types';

function linkedTypeIds(reason: ConfigItem): number[] {
  const links = reason.raw.motivos_fechamento_tipo_atendimento;
  if (!Array.isArray(links)) return [];
  return links.flatMap((link: unknown) => {
    if (typeof link !== 'object' || link === null) return [];
    const id = Number((link as Record<string, unknown>).id_tipo_atendimento);
    return Number.isInteger(id) ? [id] : [];
  });
}

export function closingReasonsFor(
  reasons: readonly ConfigItem[],
  typeId: number | null,
): ConfigItem[] {
  return reasons.filter((reason) => {
    const types = linkedTypeIds(reason);
    return types.length === 0 || typeId === null || types.includes(typeId);
  });
}
