import { describe, expect, it } from 'vitest';
import { isSecretKey, scrubLogLine, scrubText, scrubValue } from '../../../main/log/scrub';

describe('secret keys', () => {
  it.each([
    'password',
    'senha',
    'clientSecret',
    'client_secret',
    'Client-Secret',
    'access_token',
    'refreshToken',
    'rememberedPassword',
    'Authorization',
    'proxy-authorization',
    'Cookie',
    'set-cookie',
    'x-api-key',
  ])('%s is one', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'username',
    'clientId',
    'baseUrl',
    'token_type',
    'expires_in',
    'protocolo',
    'tokens_count',
  ])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('scrubbing text', () => {
  it.each([
    ['Authorization: Bearer abc.DEF-123_x', 'Authorization: Bearer [redacted]'],
    [
      'grant_type=password&password=s3nh@!&username=a',
      'grant_type=password&password=[redacted]&username=a',
    ],
    [
      '{"client_secret": "two words", "client_id": "c"}',
      '{"client_secret": "[redacted]", "client_id": "c"}',
    ],
    ['{\\"access_token\\":\\"xyz\\"}', '{\\"access_token\\":\\"[redacted]\\"}'],
    ['https://agente:pw@isp.example/api', 'https://agente:[redacted]@isp.example/api'],
    ['jwt eyJhbGciOi.eyJzdWIiOiJ4In0.c2ln end', 'jwt [redacted] end'],
  ])('%s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text =
      'Atendimento 20240117000123 aberto por agente@isp.com.br; token expirado, renovando';
    expect(scrubText(text)).toBe(text);
  });
});

describe('scrubbing values', () => {
  it('redacts secret keys at any depth and keeps booleans and nulls', () => {
    expect(
      scrubValue({
        a: [{ b: { c: { refresh_token: 'r', rememberPassword: true, password: null } } }],
        ok: 1,
      }),
    ).toEqual({
      a: [{ b: { c: { refresh_token: '[redacted]', rememberPassword: true, password: null } } }],
      ok: 1,
    });
  });

  it('survives circular objects and leaves the original untouched', () => {
    const looped: Record<string, unknown> = { token: 't' };
    looped.self = looped;
    expect(scrubValue(looped)).toEqual({ token: '[redacted]', self: '[circular]' });
    expect(looped.token).toBe('t');
  });

  it('keeps a log line valid JSON, and scrubs one that is not JSON as text', () => {
    const line = `${JSON.stringify({ msg: 'password=abc', headers: { authorization: 'Bearer x' } })}\n`;
    expect(JSON.parse(scrubLogLine(line))).toEqual({
      msg: 'password=[redacted]',
      headers: { authorization: '[redacted]' },
    });
    expect(scrubLogLine('crash: Bearer abc\n')).toBe('crash: Bearer [redacted]\n');
  });
});
