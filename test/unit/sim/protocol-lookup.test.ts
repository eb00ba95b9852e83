import { describe, expect, it } from 'vitest';
import { Dataset } from '../../../main/sim/dataset';

describe('generated tickets', () => {
  it('open in strictly increasing whole seconds, so every protocol leads back to its ticket', () => {
    const dataset = new Dataset(3, 5000, Date.UTC(2026, 0, 1));
    let previous = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < dataset.ticketCount; i += 1) {
      const openedAt = dataset.generator.openedAt(i);
      expect(openedAt % 1000).toBe(0);
      expect(openedAt).toBeGreaterThan(previous);
      previous = openedAt;
    }
    for (let id = 30000; id < 30000 + dataset.ticketCount; id += 97) {
      const record = dataset.get(id);
      expect(dataset.findByProtocol(record?.protocol ?? '')?.id).toBe(id);
    }
  });

  it('rebuild the same ticket from the seed every time it is read', () => {
    const dataset = new Dataset(11, 1000, Date.UTC(2026, 0, 1));
    expect(dataset.get(30500)).toEqual(dataset.get(30500));
    expect(new Dataset(11, 1000, Date.UTC(2026, 0, 1)).get(30500)).toEqual(dataset.get(30500));
  });
});
