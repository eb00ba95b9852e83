/**
 * HubSoft's access tokens are Laravel Passport JWTs whose `sub` is the API user's id. The API has
 * no "who am I" call, so this is how HubDesk knows which tickets are the agent's own. The token is
 * not verified here (the server does that); an opaque or malformed token just gives no id.
 */
import { z } from 'zod';

const claims = z.looseObject({ sub: z.union([z.string(), z.number()]).optional() });

export function userIdFromAccessToken(token: string): number | null {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = claims.safeParse(decoded);
  if (!parsed.success || parsed.data.sub === undefined) return null;
  const id = Number(parsed.data.sub);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
