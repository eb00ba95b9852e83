import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../main/secrets/memory-store';
import { KeychainTokenStore } from '../../../main/session/keychain-token-store';

const tokens = {
  accessToken: 'acesso-1',
  refreshToken: 'renovacao-1',
  expiresAt: 1_800_000_000_000,
  obtainedAt: 1_797_408_000_000,
};

describe('the token store over the secret store', () => {
  it('keeps access token, refresh token and expiry together as one secret per profile', async () => {
    const secrets = createMemoryStore();
    await new KeychainTokenStore(secrets, 'perfil-a').save(tokens);
    expect(JSON.parse((await secrets.get('perfil-a', 'tokens')) ?? 'null')).toEqual(tokens);
    expect(await new KeychainTokenStore(secrets, 'perfil-a').load()).toEqual(tokens);
    expect(await new KeychainTokenStore(secrets, 'perfil-b').load()).toBeNull();
  });

  it('clearing removes only that profile’s tokens', async () => {
    const secrets = createMemoryStore();
    await new KeychainTokenStore(secrets, 'perfil-a').save(tokens);
    await new KeychainTokenStore(secrets, 'perfil-b').save(tokens);
    await secrets.set('perfil-a', 'client-secret', 'segredo');
    await new KeychainTokenStore(secrets, 'perfil-a').clear();
    expect(await secrets.get('perfil-a', 'tokens')).toBeNull();
    expect(await secrets.get('perfil-a', 'client-secret')).toBe('segredo');
    expect(await new KeychainTokenStore(secrets, 'perfil-b').load()).toEqual(tokens);
  });

  it('an unreadable entry counts as no tokens, so the client signs in again instead of failing', async () => {
    const secrets = createMemoryStore();
    await secrets.set('perfil-a', 'tokens', '{"accessToken":');
    expect(await new KeychainTokenStore(secrets, 'perfil-a').load()).toBeNull();
    await secrets.set('perfil-a', 'tokens', JSON.stringify({ ...tokens, accessToken: '' }));
    expect(await new KeychainTokenStore(secrets, 'perfil-a').load()).toBeNull();
  });
});
