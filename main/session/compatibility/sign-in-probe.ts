/**
 * The sign-in step: `POST /oauth/token` with the password grant (fact 1), or the answer the
 * connection check already got, or, when the password is not kept, the open session's token.
 */
import type { ProbeHttp } from './probe-http';
import {
  failed,
  reached,
  readEnvelope,
  skipped,
  type JsonObject,
  type ProbeTarget,
} from './inspect';
import type { CompatibilityEntry } from './report';

export interface PasswordLogin {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

/** The token answer as the connection check received it. */
export interface GrantAnswer {
  status: number;
  json: JsonObject | null;
  durationMs: number;
}

export type CompatibilitySignIn =
  | { kind: 'granted'; answer: GrantAnswer }
  | { kind: 'password'; login: PasswordLogin }
  | { kind: 'session'; token: string };

const target: ProbeTarget = { probe: 'sign_in', endpoint: 'POST /oauth/token' };

export async function probeSignIn(
  http: ProbeHttp,
  signIn: CompatibilitySignIn,
): Promise<{ entry: CompatibilityEntry; token: string | null }> {
  if (signIn.kind === 'session')
    return { entry: skipped(target, 'no_password'), token: signIn.token };
  const answer =
    signIn.kind === 'granted'
      ? { ok: true as const, ...signIn.answer, rateLimited: false }
      : await http.send({
          method: 'POST',
          path: '/oauth/token',
          body: {
            grant_type: 'password',
            client_id: signIn.login.clientId,
            client_secret: signIn.login.clientSecret,
            username: signIn.login.username,
            password: signIn.login.password,
          },
        });
  const read = readEnvelope(target, answer);
  if ('entry' in read) return { entry: read.entry, token: null };
  const { body } = read.envelope;
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    return {
      entry: failed(target, 'http_status', {
        status: read.envelope.answer.status,
        durationMs: read.envelope.answer.durationMs,
      }),
      token: null,
    };
  }
  const noRefresh = typeof body.refresh_token !== 'string' || body.refresh_token === '';
  return {
    entry: reached(target, read.envelope, noRefresh ? ['no_refresh_token'] : [], null),
    token: body.access_token,
  };
}
