/**
 * Why a request never got an HTTP answer, told to the agent in Portuguese: the name does not
 * resolve, nothing listens, the certificate is not trusted... Node's fetch wraps the socket's error
 * (`TypeError: fetch failed` with a `cause`, sometimes an AggregateError of one error per address),
 * so the code is dug out of that chain.
 */
import type { ConnectionCheck } from '../../preload/types';

export interface NetworkProblem {
  code: Extract<ConnectionCheck['code'], 'unreachable' | 'tls'>;
  problem: string;
}

const certificateProblems: Record<string, (host: string) => string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: (host) =>
    `O certificado HTTPS de ${host} é autoassinado e não é confiável. ` +
    'Peça ao responsável pelo servidor um certificado válido (por exemplo, Let’s Encrypt).',
  SELF_SIGNED_CERT_IN_CHAIN: (host) =>
    `O certificado HTTPS de ${host} vem de uma autoridade autoassinada que este computador não ` +
    'reconhece. Peça ao responsável pelo servidor um certificado de uma autoridade pública.',
  CERT_HAS_EXPIRED: (host) =>
    `O certificado HTTPS de ${host} está vencido. Se a data deste computador estiver certa, ` +
    'avise o responsável pelo servidor.',
  CERT_NOT_YET_VALID: (host) =>
    `O certificado HTTPS de ${host} ainda não é válido: confira a data e a hora deste computador.`,
  ERR_TLS_CERT_ALTNAME_INVALID: (host) =>
    `O certificado HTTPS apresentado não vale para ${host}: ele foi emitido para outro nome. ` +
    'Confira o endereço.',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (host) =>
    `Não foi possível verificar o certificado HTTPS de ${host}: a cadeia de certificados do ` +
    'servidor está incompleta. Avise o responsável pelo servidor.',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (host) =>
    `O certificado HTTPS de ${host} foi emitido por uma autoridade que este computador não ` +
    'conhece. Avise o responsável pelo servidor.',
  CERT_REVOKED: (host) => `O certificado HTTPS de ${host} foi revogado e não é confiável.`,
};

/** The socket speaks plain HTTP where TLS was expected, or the TLS handshake itself failed. */
const handshakeCodes = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER']);

export function describeNetworkFailure(
  error: unknown,
  host: string,
  timeoutMs: number,
): NetworkProblem {
  if (isTimeout(error)) return unreachable(timedOut(host, timeoutMs));
  const code = errorCode(error);
  const certificate = certificateProblems[code];
  if (certificate) return { code: 'tls', problem: certificate(host) };
  if (handshakeCodes.has(code) || /^ERR_(SSL|TLS)_/.test(code) || /CERT/.test(code)) {
    return {
      code: 'tls',
      problem:
        `A conexão segura (HTTPS) com ${host} falhou (${code}). ` +
        'Confira se o endereço e a porta são os da API do HubSoft e se ela atende por https://.',
    };
  }
  switch (code) {
    case 'ENOTFOUND':
      return unreachable(
        `O nome ${host} não foi encontrado (DNS). Confira se o endereço está escrito certo.`,
      );
    case 'EAI_AGAIN':
      return unreachable(
        `Não foi possível consultar o nome ${host} (DNS). Confira a conexão com a internet.`,
      );
    case 'ECONNREFUSED':
      return unreachable(
        `Nada respondeu em ${host}: a conexão foi recusada. Confira o endereço e a porta, ` +
          'e se o servidor está no ar.',
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return unreachable(
        `Não há caminho de rede até ${host}. Confira a conexão com a internet ou a VPN.`,
      );
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return unreachable(
        `A conexão com ${host} foi interrompida pelo servidor ou pela rede. Tente de novo.`,
      );
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return unreachable(timedOut(host, timeoutMs));
    default:
      return unreachable(
        `Não foi possível conectar a ${host}${code ? ` (${code})` : ''}. ` +
          'Confira o endereço e a conexão com a internet.',
      );
  }
}

function unreachable(problem: string): NetworkProblem {
  return { code: 'unreachable', problem };
}

function timedOut(host: string, timeoutMs: number): string {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return (
    `O servidor ${host} não respondeu em ${seconds} s. ` +
    'Confira a conexão com a internet e o endereço, e tente de novo.'
  );
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The first `code` found along `cause` and AggregateError's `errors`. */
function errorCode(error: unknown, depth = 0): string {
  if (typeof error !== 'object' || error === null || depth > 4) return '';
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const nested = [record.cause, ...(Array.isArray(record.errors) ? record.errors : [])];
  for (const inner of nested) {
    const code = errorCode(inner, depth + 1);
    if (code) return code;
  }
  return typeof record.code === 'string' ? record.code : '';
}
