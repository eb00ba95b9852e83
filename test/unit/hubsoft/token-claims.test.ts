import { describe, expect, it } from 'vitest';
import { userIdFromAccessToken } from '../../../main/hubsoft/token-claims';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: unknown) => `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.c2ln`;

describe("the agent's user id from a Passport access token", () => {
  it('reads the numeric subject, given as a string or a number', () => {
    expect(userIdFromAccessToken(jwt({ sub: '4903', exp: 1 }))).toBe(4903);
    expect(userIdFromAccessToken(jwt({ sub: 17 }))).toBe(17);
  });

  it.each([
    ['an opaque token', 'd8f7a6c5b4e3'],
    ['two parts only', `${part({})}.${part({ sub: '1' })}`],
    ['a payload that is not JSON', `${part({})}.bm90IGpzb24.c2ln`],
    ['no subject', jwt({ aud: '1' })],
    ['a subject that is not an id', jwt({ sub: 'agente@demo.local' })],
    ['a negative subject', jwt({ sub: '-3' })],
  ])('gives no id for %s', (_label, token) => {
    expect(userIdFromAccessToken(token)).toBeNull();
  });
});
