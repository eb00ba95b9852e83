/** Pieces the ticket write routes share: closing parameters, path ids, the not-found answer. */
import { z } from 'zod';
import { json, type Reply } from '../http-io';
import type { ClosingParameters } from '../ticket-closing';
import { intField } from '../validation';

/**
 * Fact 25: production reads `id_motivo_fechamento_atendimento`; the service-order key
 * `id_motivo_fechamento` of the document's PUT example is ignored like any unknown key, so the
 * reason then takes the default (fact 22). Facts 25 and 43: `status_fechamento` is one of two words.
 */
const closingObject = z.object({
  id_motivo_fechamento_atendimento: intField.optional(),
  descricao_fechamento: z.string().optional(),
  status_fechamento: z.enum(['concluido', 'sem_conclusao']).optional(),
});

/** The document calls it an object in PUT and an array in create; both arrive in practice. */
export const closingField = z
  .union([closingObject, z.array(closingObject).max(1)])
  .transform((value): ClosingParameters => {
    const object = Array.isArray(value) ? (value[0] ?? {}) : value;
    return {
      reasonId: object.id_motivo_fechamento_atendimento,
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
