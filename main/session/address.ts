/**
 * The HubSoft server address as the agent types or pastes it, turned into the base URL the client
 * uses: `https://host[:port][/prefix]`, no trailing slash. Agents paste what they have at hand
 * (a Postman URL with `/api/v1/integracao/...`, a host without scheme), so those are repaired;
 * anything that would send the password in clear text over the internet is refused.
 */
import { isIP } from 'node:net';

export type AddressCheck = { ok: true; baseUrl: string } | { ok: false; problem: string };

/** Where HubSoft's integration API and OAuth routes start; a pasted URL is cut here. */
const apiSuffix = /\/(api\/v\d+|oauth)(\/.*)?$/i;

export function normalizeAddress(typed: string): AddressCheck {
  const trimmed = typed.trim();
  if (trimmed === '') return refuse('Informe o endereço do servidor HubSoft.');
  if (/\s/.test(trimmed)) return refuse('O endereço do servidor não pode conter espaços.');

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse(
      `"${trimmed}" não é um endereço válido. Use o formato https://api.seuprovedor.com.br.`,
    );
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(
      `O endereço deve começar com https:// (recebido "${url.protocol.replace(/:$/, '')}").`,
    );
  }
  if (url.hostname === '') return refuse('O endereço não tem o nome do servidor.');
  if (url.username !== '' || url.password !== '') {
    return refuse(
      'O endereço não pode conter usuário ou senha; informe-os nos campos próprios do formulário.',
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return refuse(
      'O endereço precisa usar https://: sem criptografia, a senha e o token iriam abertos pela rede. ' +
        'http:// só é aceito para este computador (localhost, 127.0.0.1).',
    );
  }

  const path = url.pathname.replace(apiSuffix, '').replace(/\/+$/, '');
  return { ok: true, baseUrl: `${url.protocol}//${url.host}${path}` };
}

/**
 * Literal 127.0.0.0/8 and [::1], and `localhost` itself: traffic that never leaves the machine.
 * Names under `.localhost` are not trusted: resolvers other than the OS's own may send them to DNS.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

function refuse(problem: string): AddressCheck {
  return { ok: false, problem };
}
