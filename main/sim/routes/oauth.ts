/**
 * `POST /oauth/token`, Laravel Passport's endpoint: the password grant for the demo account and
 * the refresh_token grant, JSON or form-encoded.
 */
import { z } from 'zod';
import { DEMO_ACCOUNT } from '../demo-account';
import { json, readBody, type Reply } from '../http-io';
import type { SimRequest } from '../router';
import type { SimState } from '../state';

const tokenRequestSchema = z.object({
  grant_type: z.string(),
  client_id: z.union([z.string(), z.number()]).transform(String).optional(),
  client_secret: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});

function oauthError(status: number, error: string, description: string, hint?: string): Reply {
  return json(
    { error, error_description: description, ...(hint ? { hint } : {}), message: description },
    status,
  );
}

export async function issueToken(state: SimState, request: SimRequest): Promise<Reply> {
  const parsed = tokenRequestSchema.safeParse(await readBody(request.raw));
  if (!parsed.success) {
    return oauthError(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server.',
      'Check that all required parameters have been provided',
    );
  }
  const body = parsed.data;
  if (body.grant_type !== 'password' && body.grant_type !== 'refresh_token') {
    return oauthError(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server.',
    );
  }
  if (
    body.client_id !== DEMO_ACCOUNT.clientId ||
    body.client_secret !== DEMO_ACCOUNT.clientSecret
  ) {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  if (body.grant_type === 'refresh_token') {
    if (!body.refresh_token || !state.tokens.spendRefresh(body.refresh_token, request.now)) {
      return oauthError(
        401,
        'invalid_request',
        'The refresh token is invalid.',
        'Token has been revoked',
      );
    }
    return json(state.tokens.issue(request.now));
  }
  if (body.username !== DEMO_ACCOUNT.username || body.password !== DEMO_ACCOUNT.password) {
    return oauthError(401, 'invalid_credentials', 'The user credentials were incorrect.');
  }
  return json(state.tokens.issue(request.now));
}
