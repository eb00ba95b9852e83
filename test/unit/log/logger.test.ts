import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type FileLogger } from '../../../main/log/logger';
import { logFiles } from '../../../main/log/rotating-file';

/** Made-up secrets, one per shape a secret can take on its way into a log. */
const secret = (name: string) => `fake-${name}-Zq81xV`;
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudGUifQ.c2lnbmF0dXJlLWZha2U';

let dataDir: string;
let open: FileLogger | null = null;

function start(options: { maxFileBytes?: number; stderr?: boolean } = {}): FileLogger {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hubdesk-log-'));
  open = createLogger({ dataDir, ...options });
  return open;
}

afterEach(() => {
  open?.close();
  open = null;
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

function logEverySecretShape({ logger }: FileLogger): string[] {
  logger.info({ password: secret('password') }, 'sign-in');
  logger.info({ profile: { auth: { clientSecret: secret('clientSecret') } } }, 'nested');
  logger.info({ a: { b: { c: { d: { e: { access_token: secret('deep') } } } } } }, 'deep');
  logger.info({ answer: { refresh_token: secret('refresh'), token_type: 'Bearer' } }, 'token');
  logger.info({ request: { headers: { Authorization: `Bearer ${secret('header')}` } } }, 'req');
  logger.info({ profiles: [{ refreshToken: secret('array') }] }, 'array');
  logger.info({ 'Client-Secret': secret('dashed'), senha: secret('senha') }, 'keys');
  logger.warn(`request failed: Authorization: Bearer ${secret('bearer-msg')}`);
  logger.warn(
    `POST /oauth/token grant_type=password&password=${secret('form')}&client_secret=${secret('form-client')}`,
  );
  logger.warn(`answer {"refresh_token": "${secret('json-text')}", "expires_in": 3600}`);
  logger.warn('login %s', `password=${secret('interpolated')}`);
  logger.warn('%j', { accessToken: secret('j-format') });
  logger.warn(`server https://agente:${secret('url')}@hubsoft.example/api`);
  logger.warn(`token ${jwt} rejected`);
  logger.child({ token: secret('binding') }).info('child');
  const axiosLike = Object.assign(new Error(`401 for Bearer ${secret('error-msg')}`), {
    config: {
      headers: { Authorization: `Bearer ${secret('error-header')}` },
      data: JSON.stringify({ client_secret: secret('error-body'), username: 'agente@demo.local' }),
    },
  });
  logger.error({ err: axiosLike }, 'HubSoft call failed');
  logger.error(new Error(`renew failed: refresh_token=${secret('error-only')}`));
  return [
    'password',
    'clientSecret',
    'deep',
    'refresh',
    'header',
    'array',
    'dashed',
    'senha',
    'bearer-msg',
    'form',
    'form-client',
    'json-text',
    'interpolated',
    'j-format',
    'url',
    'binding',
    'error-msg',
    'error-header',
    'error-body',
    'error-only',
  ].map(secret);
}

const readLog = () => readFileSync(logFiles(dataDir).current, 'utf8');

describe('the log file', () => {
  it('is written under the data folder, one JSON record per line', () => {
    const { logger } = start();
    logger.info({ ticket: '20240117000123' }, 'ticket opened');
    const lines = readLog().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 30,
      msg: 'ticket opened',
      ticket: '20240117000123',
    });
    expect(logFiles(dataDir).current).toBe(path.join(dataDir, 'logs', 'hubdesk.log'));
  });

  it('never contains a token, password or client secret, whatever shape it was logged in', () => {
    const secrets = logEverySecretShape(start());
    const content = readLog();
    for (const value of [...secrets, jwt]) expect(content).not.toContain(value);
    expect(content.split('\n').filter(Boolean).length).toBe(17);
  });

  it('keeps what is not secret readable, so the log still helps', () => {
    logEverySecretShape(start());
    const records = readLog()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ msg: 'sign-in', password: '[redacted]' });
    expect(records[3]).toMatchObject({ answer: { token_type: 'Bearer' } });
    expect(records[7]!.msg).toBe('request failed: Authorization: Bearer [redacted]');
    expect(records[8]!.msg).toBe(
      'POST /oauth/token grant_type=password&password=[redacted]&client_secret=[redacted]',
    );
    expect(records[12]!.msg).toBe('server https://agente:[redacted]@hubsoft.example/api');
    const failure = records[15] as { err: { config: { data: string } }; msg: string };
    expect(failure.msg).toBe('HubSoft call failed');
    expect(failure.err.config.data).toContain('agente@demo.local');
  });

  it('is rotated by size, keeping the current file and one previous', () => {
    const maxFileBytes = 4_000;
    const { logger } = start({ maxFileBytes });
    for (let i = 0; i < 200; i += 1) logger.info({ i }, `line ${i} ${'x'.repeat(40)}`);
    const files = logFiles(dataDir);
    expect(statSync(files.current).size).toBeLessThanOrEqual(maxFileBytes);
    expect(statSync(files.previous).size).toBeLessThanOrEqual(maxFileBytes);
    expect(existsSync(`${files.current}.2`)).toBe(false);
    expect(readLog()).toContain('line 199 ');
    expect(readFileSync(files.previous, 'utf8')).not.toContain('line 199 ');
  });

  it('goes on appending after a restart instead of starting over', () => {
    const first = start();
    first.logger.info('before the restart');
    first.close();
    open = createLogger({ dataDir });
    open.logger.info('after the restart');
    expect(readLog()).toMatch(/before the restart[\s\S]*after the restart/);
  });
});

describe('the development log on stderr', () => {
  it('carries the same records, scrubbed the same way', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const { logger } = start({ stderr: true });
    logger.info({ password: secret('stderr') }, 'to both');
    expect(written.join('')).toContain('"msg":"to both"');
    expect(written.join('')).not.toContain(secret('stderr'));
    expect(readLog()).toContain('"msg":"to both"');
  });
});
