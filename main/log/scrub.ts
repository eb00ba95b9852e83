/**
 * Removes secrets from what is about to be written down: the log file, stderr, a diagnostics
 * bundle. Two nets, because secrets arrive in two shapes: as the value of a key that names a
 * secret (`password`, `clientSecret`, `headers.authorization`, at any depth), and inside free text
 * (`Bearer <token>` in an error message, `password=...` in a logged request body).
 */

export const redactedMark = '[redacted]';

/**
 * Keys whose value is a secret, compared without case, `-` or `_`: `client_secret`, `clientSecret`
 * and `Client-Secret` are one key. A key that ends in one of these names (`rememberedPassword`,
 * `hostToken`) is a secret too.
 */
const secretKeyEndings = ['password', 'passwd', 'senha', 'secret', 'token', 'passphrase'];
const secretKeys = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'apikey',
  'xapikey',
  'privatekey',
]);

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[-_]/g, '');

export function isSecretKey(key: string): boolean {
  const normalized = normalizeKey(key);
  return secretKeys.has(normalized) || secretKeyEndings.some((end) => normalized.endsWith(end));
}

/** Names of secret fields as they appear in query strings, form bodies and JSON text. */
const textKeys = [
  'password',
  'passwd',
  'senha',
  'client_secret',
  'clientSecret',
  'secret',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'id_token',
  'token',
  'api_key',
  'apiKey',
].join('|');

const textPatterns: Array<[RegExp, string]> = [
  // An Authorization header's value: `Bearer eyJ...`.
  [/\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${redactedMark}`],
  // A JSON string value: `"password": "two words"`, also when the JSON sits inside a JSON string.
  [
    new RegExp(`((?:\\\\?")(?:${textKeys})\\\\?"\\s*:\\s*\\\\?")(?:[^"\\\\]|\\\\(?!"))*`, 'gi'),
    `$1${redactedMark}`,
  ],
  // `password=...` in a query string or form body, `token: ...` in a sentence.
  [
    new RegExp(`\\b((?:${textKeys})\\s*[=:]\\s*)(?!\\\\?")[^\\s&,;"'\\\\]+`, 'gi'),
    `$1${redactedMark}`,
  ],
  // A JSON Web Token anywhere.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, redactedMark],
  // Credentials in an address: `https://user:pass@host`.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'\\]+:)[^\s/@"'\\]+@/gi, `$1${redactedMark}@`],
];

/** Free text with every secret-looking value replaced. */
export function scrubText(text: string): string {
  let scrubbed = text;
  for (const [pattern, replacement] of textPatterns) {
    scrubbed = scrubbed.replace(pattern, replacement);
  }
  return scrubbed;
}

/**
 * A copy of any JSON-like value with secret keys redacted at every depth and every string
 * scrubbed. Booleans under a secret key stay (`rememberPassword: true` tells, and hides, nothing).
 */
export function scrubValue(value: unknown): unknown {
  return scrubAt(value, new WeakSet());
}

function scrubAt(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubAt(item, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const hidden = isSecretKey(key) && item !== null && typeof item !== 'boolean';
    copy[key] = hidden ? redactedMark : scrubAt(item, seen);
  }
  return copy;
}

/**
 * One serialized log line (JSON), scrubbed as a structure so the result stays valid JSON; a line
 * that is not JSON is scrubbed as text.
 */
export function scrubLogLine(line: string): string {
  const ending = line.endsWith('\n') ? '\n' : '';
  const body = ending ? line.slice(0, -1) : line;
  try {
    return JSON.stringify(scrubValue(JSON.parse(body))) + ending;
  } catch {
    return scrubText(body) + ending;
  }
}
