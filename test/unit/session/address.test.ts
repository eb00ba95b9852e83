import { describe, expect, it } from 'vitest';
import { isLoopback, normalizeAddress } from '../../../main/session/address';

function baseUrl(typed: string): string {
  const result = normalizeAddress(typed);
  if (!result.ok) throw new Error(`refused: ${result.problem}`);
  return result.baseUrl;
}

function problem(typed: string): string {
  const result = normalizeAddress(typed);
  if (result.ok) throw new Error(`accepted as ${result.baseUrl}`);
  return result.problem;
}

describe('the server address the agent types', () => {
  it('a bare host name becomes an https address', () => {
    expect(baseUrl('  api.provedor.hubsoft.com.br  ')).toBe('https://api.provedor.hubsoft.com.br');
  });

  it('a URL pasted from Postman loses its /api/v1/... part and trailing slashes', () => {
    expect(baseUrl('https://api.provedor.hubsoft.com.br/api/v1/integracao/atendimento/todos')).toBe(
      'https://api.provedor.hubsoft.com.br',
    );
    expect(baseUrl('https://api.provedor.hubsoft.com.br/oauth/token')).toBe(
      'https://api.provedor.hubsoft.com.br',
    );
    expect(baseUrl('https://api.provedor.hubsoft.com.br///')).toBe(
      'https://api.provedor.hubsoft.com.br',
    );
  });

  it('keeps a port and a path prefix the server is installed under', () => {
    expect(baseUrl('https://hubsoft.provedor.net:8443/hubsoft/api/v1/integracao')).toBe(
      'https://hubsoft.provedor.net:8443/hubsoft',
    );
  });

  it('refuses plain http to a server on the network, explaining the password would travel open', () => {
    expect(problem('http://api.provedor.hubsoft.com.br')).toMatch(/precisa usar https/);
    expect(problem('http://192.168.0.10')).toMatch(/senha e o token iriam abertos/);
  });

  it('refuses plain http for names under localhost, which ordinary DNS may send anywhere', () => {
    expect(problem('http://hubsoft.localhost')).toMatch(/precisa usar https/);
    expect(problem('http://127.0.0.1.localhost:8080')).toMatch(/precisa usar https/);
    expect(baseUrl('https://hubsoft.localhost')).toBe('https://hubsoft.localhost');
  });

  it('accepts plain http only for this computer', () => {
    expect(baseUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(baseUrl('http://127.5.0.1:8080')).toBe('http://127.5.0.1:8080');
    expect(baseUrl('http://localhost:3000')).toBe('http://localhost:3000');
    expect(baseUrl('http://[::1]:3000')).toBe('http://[::1]:3000');
  });

  it('refuses other schemes, empty input, spaces and credentials in the URL, in Portuguese', () => {
    expect(problem('ftp://api.provedor.com.br')).toMatch(/deve começar com https:\/\//);
    expect(problem('   ')).toBe('Informe o endereço do servidor HubSoft.');
    expect(problem('api provedor.com.br')).toMatch(/não pode conter espaços/);
    expect(problem('https://agente:senha@api.provedor.com.br')).toMatch(/usuário ou senha/);
    expect(problem('https://')).toMatch(/não é um endereço válido/);
  });

  it('tells loopback hosts from look-alikes', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('LOCALHOST')).toBe(true);
    expect(isLoopback('app.localhost')).toBe(false);
    expect(isLoopback('localhost.')).toBe(false);
    expect(isLoopback('127.0.0.1.nip.io')).toBe(false);
    expect(isLoopback('localhost.provedor.com.br')).toBe(false);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });
});
