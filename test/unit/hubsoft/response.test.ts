import { describe, expect, it } from 'vitest';
import { HubsoftError } from '../../../main/hubsoft/errors';
import { interpretAnswer, type HttpAnswer } from '../../../main/hubsoft/response';

const context = {
  request: 'GET /api/v1/integracao/atendimento/todos',
  httpErrorsAreBusiness: false,
};

function answer(status: number, body: string, contentType = 'application/json'): HttpAnswer {
  return { status, body, contentType, retryAfterHeader: null };
}

function failure(input: HttpAnswer, ctx = context): HubsoftError {
  try {
    interpretAnswer(input, ctx);
  } catch (error) {
    if (error instanceof HubsoftError) return error;
    throw error;
  }
  throw new Error('expected a HubsoftError');
}

describe('HTTP answers are classified into error kinds', () => {
  it('accepts "success" and the documented typo "suscess"', () => {
    expect(interpretAnswer(answer(200, '{"status":"success","x":1}'), context)).toEqual({
      status: 'success',
      x: 1,
    });
    expect(interpretAnswer(answer(200, '{"status":"suscess","x":2}'), context)).toMatchObject({
      x: 2,
    });
  });

  it('turns HTTP 200 with status "error" and errors[] into validation with the server words', () => {
    const error = failure(
      answer(
        200,
        '{"status":"error","msg":"Campos inválidos","errors":["O campo descricao é obrigatório."]}',
      ),
    );
    expect(error).toMatchObject({ kind: 'validation', message: 'Campos inválidos', status: 200 });
    expect(error.details.errors).toEqual(['O campo descricao é obrigatório.']);
  });

  it('turns HTTP 200 with status "error" and no errors into a business failure', () => {
    const error = failure(
      answer(200, '{"status":"error","msg":"Atendimento já está fechado","code":3,"trace":[]}'),
    );
    expect(error).toMatchObject({ kind: 'business', message: 'Atendimento já está fechado' });
  });

  it('treats an HTTP 200 body with Laravel debug fields as a server fault, not a refusal', () => {
    const body = {
      status: 'error',
      msg: 'SQLSTATE[23505]: Unique violation',
      code: 23505,
      description: 'SQLSTATE[23505]: Unique violation',
      line: 212,
      file: '/usr/local/www/hubsoft_api/app/Repositories/AtendimentoRepository.php',
      hint: null,
      error_type: 'QueryException',
      trace: [{ file: '/usr/local/www/hubsoft_api/app/Http/Kernel.php', line: 40 }],
    };
    const error = failure(answer(200, JSON.stringify(body)));
    expect(error.kind).toBe('server');
    expect(error.message).toBe(
      'O servidor do HubSoft está com problemas. Tente novamente mais tarde.',
    );
  });

  it('treats a stack trace alone as a server fault, as on close where 4xx/5xx are refusals', () => {
    const body = { status: 'error', msg: 'Erro', trace: ['#0 /usr/local/www/hubsoft_api/app.php'] };
    const error = failure(answer(200, JSON.stringify(body)), {
      ...context,
      httpErrorsAreBusiness: true,
    });
    expect(error.kind).toBe('server');
  });

  it('flattens Laravel-style errors objects', () => {
    const error = failure(
      answer(422, '{"message":"invalid","errors":{"telefone":["Telefone inválido"]}}'),
    );
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error.details.errors).toEqual(['Telefone inválido']);
  });

  it('reads an HTML error page with a 5xx as a server failure', () => {
    const error = failure(answer(502, '<html><body>Bad Gateway</body></html>', 'text/html'));
    expect(error).toMatchObject({ kind: 'server', status: 502 });
    expect(error.message).toContain('página de erro');
  });

  it('reads an HTML page with a 200 as a parse failure of the body', () => {
    const error = failure(
      answer(200, '<!DOCTYPE html><html>login</html>', 'text/html; charset=UTF-8'),
    );
    expect(error).toMatchObject({ kind: 'parse', details: { field: '(corpo)' } });
  });

  it('reads truncated JSON as a parse failure saying so', () => {
    const error = failure(answer(200, '{"status":"success","atendimentos":[{"id_atend'));
    expect(error.kind).toBe('parse');
    expect(error.message).toContain('truncado');
  });

  it('reads an empty 200 body as a parse failure', () => {
    expect(failure(answer(200, '')).kind).toBe('parse');
  });

  it('reads 429 with retry_after in seconds', () => {
    const error = failure(answer(429, '{"message":"Too Many Attempts.","retry_after":3}'));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
  });

  it('falls back to the Retry-After header', () => {
    const error = failure({ ...answer(429, 'Too Many', 'text/plain'), retryAfterHeader: '2' });
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2000 });
  });

  it('maps 401, 403 and 404', () => {
    expect(failure(answer(401, '{"error":"invalid_credentials","message":"x"}')).kind).toBe('auth');
    expect(failure(answer(403, '{"message":"Forbidden"}')).kind).toBe('permission');
    expect(failure(answer(404, '{"message":"Not Found"}')).kind).toBe('not_found');
  });

  it('keeps a 5xx a server failure on reads, but a business failure with its reason on close', () => {
    const body =
      '{"status":"error","msg":"A ordem de serviço 12 está em execução e não pode ser fechada"}';
    expect(failure(answer(500, body)).kind).toBe('server');
    const onClose = failure(answer(500, body), { ...context, httpErrorsAreBusiness: true });
    expect(onClose).toMatchObject({ kind: 'business', status: 500 });
    expect(onClose.message).toContain('em execução');
  });

  it('reports an unknown status word naming the field', () => {
    expect(failure(answer(200, '{"status":"talvez"}')).details.field).toBe('status');
  });

  it('reports a JSON array where an object was expected', () => {
    expect(failure(answer(200, '[1,2]')).kind).toBe('parse');
  });
});
