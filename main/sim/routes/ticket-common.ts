/** Pieces the ticket write routes share: closing parameters, path ids, the not-found answer. */
import { z } from 'zod';
import { json, type Reply } from '../http-io';
import type { ClosingParameters } from '../ticket-closing';
import { intField } from '../validation';

const closingObject = z.object({
  id_motivo_fechamento: intField.optional(),
  id_motivo_fechamento_atendimento: intField.optional(),
  descricao_fechamento: z.string().optional(),
  status_fechamento: z.string().optional(),
});

/** The document calls it an object in PUT and an array in create; both arrive in practice. */
export const closingField = z
  .union([closingObject, z.array(closingObject).max(1)])
  .transform((value): ClosingParameters => {
    const object = Array.isArray(value) ? (value[0] ?? {}) : value;
    return {
      reasonId: object.id_motivo_fechamento ?? object.id_motivo_fechamento_atendimento,
      description: object.descricao_fechamento,
      closingStatus: object.status_fechamento,
    };
  });

/** A missing ticket comes back with the debug fields of an uncaught Laravel exception. */
export function ticketNotFound(id: string): Reply {
  const msg = `Atendimento ${id} não encontrado.`;
  return json({
    status: 'error',
    msg,
    errors: [msg],
    code: 0,
    file: '/var/www/hubsoft/app/Http/Controllers/Api/Integracao/AtendimentoController.php',
    line: 412,
  });
}

/** A numeric path id, or null. */
export function pathId(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}
