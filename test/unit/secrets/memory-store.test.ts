import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../main/secrets/memory-store';
import { describeSecretStoreContract } from './store-contract';

describeSecretStoreContract('the memory store', () => createMemoryStore());

describe('the memory store', () => {
  it('says its secrets will not be kept, and a new store starts empty', async () => {
    const first = createMemoryStore();
    await first.set('profile-1', 'access-token', 'session-only-token');
    expect(first).toMatchObject({ kind: 'memory', persistent: false });
    expect(await createMemoryStore().get('profile-1', 'access-token')).toBeNull();
  });
});
