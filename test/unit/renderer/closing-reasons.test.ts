import { describe, expect, it } from 'vitest';
import type { ConfigItem } from '../../../main/hubsoft/model';
import { closingReasonsFor } from '../../../renderer/src/lib/closing-reasons';

function reason(id: number, typeIds: number[] | undefined): ConfigItem {
  const raw: Record<string, unknown> = {
    id_motivo_fechamento_atendimento: id,
    descricao: `#${id}`,
  };
  if (typeIds) {
    raw.motivos_fechamento_tipo_atendimento = typeIds.map((typeId) => ({
      id_tipo_atendimento: typeId,
      descricao: 'TIPO',
    }));
  }
  return { id, label: `#${id}`, raw };
}

const reasons = [reason(1, []), reason(2, [132, 133]), reason(3, [128]), reason(4, undefined)];

describe('closing reasons offered for a ticket', () => {
  it('are the ones linked to its type plus the ones linked to no type', () => {
    expect(closingReasonsFor(reasons, 132).map((r) => r.id)).toEqual([1, 2, 4]);
    expect(closingReasonsFor(reasons, 128).map((r) => r.id)).toEqual([1, 3, 4]);
  });

  it('are all of them when the ticket has no known type', () => {
    expect(closingReasonsFor(reasons, null).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });
});
