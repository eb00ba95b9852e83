import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreCore } from '../../../main/store/core';
import { tempDirs } from '../../unit/store/fixtures';
import { corruptMiddle, seedProfile } from '../store/damage';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('what an unanswered action needs for its read-back', () => {
  it('comes back with the action when a damaged file is salvaged', () => {
    const file = join(dirs.make(), 'profile.sqlite');
    const seeded = seedProfile(file);
    const before = StoreCore.open(file);
    const attach = before.enqueueAction({
      kind: 'attach',
      ticketKey: 't:1',
      payload: { stagedIds: [seeded.staged.id] },
    });
    before.markActionSending(attach.id);
    before.setActionReadBackState(attach.id, { attachBaseline: { count: 3 } });
    before.close();
    corruptMiddle(file);

    const after = StoreCore.open(file, { check: 'full' });
    try {
      expect(after.openReport.recovered).toBe(true);
      expect(after.getAction(attach.id)?.state).toBe('sending');
      expect(after.getActionReadBackState(attach.id)).toEqual({ attachBaseline: { count: 3 } });
    } finally {
      after.close();
    }
  });
});
