/**
 * "Testar conexão": walks the path a real session takes (address, TLS, `POST /oauth/token`, one
 * configuration list with the token) and stops at the first thing that is wrong, saying it in
 * Portuguese with one of ConnectionCheck's codes. It speaks HTTP itself rather than through the
 * HubSoft client, because the client folds DNS, TLS and refused connections into one 'network'
 * kind, and this screen exists to tell them apart. The token it obtains is dropped.
 *
 * The sign-in screen's button then runs the compatibility probes with that token
 * (`checkConnectionAndCompatibility`): the report says how this server differs from the facts.
 */
import type { ConnectionCheck } from '../../preload/types';
import { normalizeAddress } from './address';
import {
  runCompatibilityCheck,
  type CompatibilityCheckOptions,
  type GrantAnswer,
} from './compatibility/run';
import { describeNetworkFailure, type NetworkProblem } from './network-problem';

export interface ConnectionCheckInput {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

export interface ConnectionCheckOptions {
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /** This computer's clock, UTC ms. */
  now?: () => number;
}

/** Beyond this the agent's clock is wrong enough to confuse dates, SLAs and certificates. */
export const maxClockSkewMs = 5 * 60_000;

/** A list every HubSoft integration user can read; a refusal here means no API permission. */
const permissionProbePath = '/api/v1/integracao/configuracao/status_atendimento';
const permissionProbeKey = 'status_atendimento';

interface Answer {
  status: number;
  html: boolean;
  json: Record<string, unknown> | null;
  location: string | null;
  /** Server time from the `Date` header, UTC ms; null when absent or unreadable. */
  serverTime: number | null;
  receivedAt: number;
  durationMs: number;
}

class ProblemFound extends Error {
  constructor(readonly check: ConnectionCheck) {
    super(check.problem ?? check.code);
  }
}

export async function checkConnection(
  input: ConnectionCheckInput,
  options: ConnectionCheckOptions = {},
): Promise<ConnectionCheck> {
  return (await walk(input, options)).check;
}

/**
 * "Testar conexão" as the sign-in screen runs it: the connection check, then, once the server
 * granted a token and answered as HubSoft, the compatibility probes with that token.
 */
export async function checkConnectionAndCompatibility(
  input: ConnectionCheckInput,
  options: ConnectionCheckOptions = {},
  compatibility: CompatibilityCheckOptions = {},
): Promise<ConnectionCheck> {
  const { check, reached } = await walk(input, options);
  if (!reached) return check;
  const report = await runCompatibilityCheck(
    { baseUrl: reached.baseUrl, signIn: { kind: 'granted', answer: reached.grant } },
    compatibility,
  );
  return { ...check, compatibility: report };
}

interface Walked {
  check: ConnectionCheck;
  /** Set when the token was granted and the API answered as HubSoft. */
  reached: { baseUrl: string; grant: GrantAnswer } | null;
}

async function walk(input: ConnectionCheckInput, options: ConnectionCheckOptions): Promise<Walked> {
  const address = normalizeAddress(input.baseUrl);
  if (!address.ok) return { check: fail('invalid_address', address.problem), reached: null };
  const context = {
    baseUrl: address.baseUrl,
    host: new URL(address.baseUrl).host,
    timeoutMs: options.timeoutMs ?? 15_000,
    now: options.now ?? Date.now,
  };
  try {
    const grant = await send(context, '/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        client_id: input.clientId,
        client_secret: input.clientSecret,
        username: input.username,
        password: input.password,
      }),
    });
    const token = readGrant(grant, context.host);
    const list = await send(context, permissionProbePath, {
      method: 'GET',
      headers: { authorization: `Bearer ${token}` },
    });
    checkApiAnswer(list, input.username);
    return {
      check: checkClock(list) ?? checkClock(grant) ?? { ok: true, problem: null, code: 'ok' },
      reached: {
        baseUrl: context.baseUrl,
        grant: { status: grant.status, json: grant.json, durationMs: grant.durationMs },
      },
    };
  } catch (error) {
    if (error instanceof ProblemFound) return { check: error.check, reached: null };
    throw error;
  }
}

interface SendContext {
  baseUrl: string;
  host: string;
  timeoutMs: number;
  now: () => number;
}

async function send(context: SendContext, path: string, init: RequestInit): Promise<Answer> {
  let response: Response;
  let text: string;
  const startedAt = performance.now();
  try {
    response = await fetch(`${context.baseUrl}${path}`, {
      ...init,
      headers: { accept: 'application/json', ...init.headers },
      // A redirect is reported, not followed: it would resend the password somewhere else.
      redirect: 'manual',
      signal: AbortSignal.timeout(context.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw problem(describeNetworkFailure(error, context.host, context.timeoutMs));
  }
  const contentType = response.headers.get('content-type') ?? '';
  const dateHeader = response.headers.get('date');
  const serverTime = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  return {
    status: response.status,
    html: /html/i.test(contentType) || /^\s*</.test(text),
    json: parseObject(text),
    location: response.headers.get('location'),
    serverTime: Number.isFinite(serverTime) ? serverTime : null,
    receivedAt: context.now(),
    durationMs: Math.round(performance.now() - startedAt),
  };
}

/** The access token from the OAuth answer, or the problem it shows. */
function readGrant(answer: Answer, host: string): string {
  notHubsoftIfOdd(answer, host, 'a rota de login /oauth/token');
  const body = answer.json ?? {};
  if (answer.status >= 200 && answer.status < 300 && typeof body.access_token === 'string') {
    return body.access_token;
  }
  serverTrouble(answer, host);
  const oauthError = typeof body.error === 'string' ? body.error : '';
  if (oauthError === 'invalid_client') {
    throw failure(
      'wrong_client',
      'O HubSoft recusou o ID do cliente ou o segredo do cliente (invalid_client). Confira os dados da ' +
        'integração cadastrada no HubSoft e copie-os de novo, sem espaços.',
    );
  }
  if (oauthError === 'invalid_credentials' || oauthError === 'invalid_grant') {
    throw failure(
      'wrong_credentials',
      'O HubSoft recusou o usuário ou a senha. Confira o e-mail e a senha do usuário ' +
        '(maiúsculas e minúsculas fazem diferença).',
    );
  }
  if (oauthError === 'unsupported_grant_type') {
    throw failure(
      'not_hubsoft',
      `O servidor em ${host} não aceita login com usuário e senha (unsupported_grant_type), ` +
        'como o HubSoft aceita. Confira se o endereço é o da API do HubSoft.',
    );
  }
  throw failure(
    'not_hubsoft',
    `O servidor em ${host} respondeu ao login de um jeito que o HubSoft não responde ` +
      `(HTTP ${answer.status}, sem token). Confira se o endereço é o da API do HubSoft.`,
  );
}

/** The configuration list read with the token: data, or why this user cannot have it. */
function checkApiAnswer(answer: Answer, username: string): void {
  if (answer.status === 401 || answer.status === 403) {
    throw failure(
      'no_permission',
      `O login funcionou, mas o usuário ${username} não tem permissão para usar a API de ` +
        `integração (HTTP ${answer.status}). Peça ao administrador do HubSoft para liberar o acesso ` +
        'desse usuário à API.',
    );
  }
  notHubsoftIfOdd(answer, null, 'a API de integração (/api/v1/integracao)');
  serverTrouble(answer, null);
  const body = answer.json ?? {};
  if (typeof body.status === 'string' && body.status.trim().toLowerCase() === 'error') {
    const said = typeof body.msg === 'string' && body.msg.trim() !== '' ? body.msg.trim() : null;
    throw failure(
      'no_permission',
      `O login funcionou, mas o HubSoft não deixou o usuário ${username} ler as configurações` +
        `${said ? ` ("${said}")` : ''}. Peça ao administrador do HubSoft para liberar as ` +
        'permissões de atendimento e de API desse usuário.',
    );
  }
  if (!Array.isArray(body[permissionProbeKey])) {
    throw failure(
      'not_hubsoft',
      'O login funcionou, mas a API respondeu sem a lista de status de atendimento, como o ' +
        'HubSoft responderia. Confira se o endereço é o da API do HubSoft.',
    );
  }
}

/** Redirects, 404/405, HTML pages and non-JSON bodies: whatever answered is not HubSoft's API. */
function notHubsoftIfOdd(answer: Answer, host: string | null, what: string): void {
  const where = host ? `O endereço ${host} respondeu, mas` : 'O servidor respondeu, mas';
  if (answer.status >= 300 && answer.status < 400) {
    throw failure(
      'not_hubsoft',
      `O endereço redireciona${answer.location ? ` para ${answer.location}` : ''}. Informe o ` +
        'endereço final da API do HubSoft (normalmente https://api.seuprovedor.hubsoft.com.br).',
    );
  }
  if (answer.status === 404 || answer.status === 405) {
    throw failure(
      'not_hubsoft',
      `${where} não tem ${what} (HTTP ${answer.status}): não parece ser um servidor ` +
        'HubSoft. Confira o endereço da API do HubSoft.',
    );
  }
  if (answer.html && answer.status < 500) {
    throw failure(
      'not_hubsoft',
      `${where} com uma página da web em vez da API do HubSoft. Confira se é o ` +
        'endereço da API, e não o do painel ou do site.',
    );
  }
  if (answer.json === null && answer.status < 500) {
    throw failure(
      'not_hubsoft',
      `${where} não em JSON, ao acessar ${what}: não parece ser um servidor HubSoft.`,
    );
  }
}

/** Up but unwell: rate limits and server errors say "try later", not "wrong address". */
function serverTrouble(answer: Answer, host: string | null): void {
  const who = host ?? 'O servidor';
  if (answer.status === 429) {
    const retry = Number(answer.json?.retry_after);
    throw failure(
      'unreachable',
      `${who} recusou por excesso de tentativas. Aguarde` +
        `${Number.isFinite(retry) && retry > 0 ? ` ${Math.ceil(retry)} s` : ' um minuto'} e teste de novo.`,
    );
  }
  if (answer.status >= 500) {
    throw failure(
      'unreachable',
      `${who} está com problemas (HTTP ${answer.status}). Tente de novo em alguns minutos.`,
    );
  }
}

function checkClock(answer: Answer): ConnectionCheck | null {
  if (answer.serverTime === null) return null;
  // The Date header has whole seconds: allow for that and the trip itself.
  const skew = answer.receivedAt - answer.serverTime;
  if (Math.abs(skew) <= maxClockSkewMs) return null;
  const minutes = Math.round(Math.abs(skew) / 60_000);
  const direction = skew > 0 ? 'adiantado' : 'atrasado';
  return {
    ok: false,
    code: 'clock_skew',
    problem:
      `O relógio deste computador está ${minutes} minutos ${direction} em relação ao servidor ` +
      'HubSoft. Acerte a data, a hora e o fuso horário (de preferência automáticos) e teste de novo.',
  };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function fail(code: ConnectionCheck['code'], message: string): ConnectionCheck {
  return { ok: false, code, problem: message };
}

function failure(code: ConnectionCheck['code'], message: string): ProblemFound {
  return new ProblemFound(fail(code, message));
}

function problem(network: NetworkProblem): ProblemFound {
  return failure(network.code, network.problem);
}
