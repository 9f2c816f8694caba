import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedId } from '../src/db/time-ordered-id.js';

describe('timeOrderedId (UUID version 7)', () => {
  it('is a UUID of version 7 and the RFC variant, carrying its millisecond', () => {
    const at = Date.UTC(2026, 11, 5, 23, 30, 0, 123);
    const id = timeOrderedId(at);
    expect(z.string().uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]!);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by time as text, and ids of one millisecond still differ', () => {
    const t = Date.now();
    const ids = [t - 86_400_000, t - 1, t, t + 1, t + 3_600_000].map((ms) => timeOrderedId(ms));
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(t)));
    expect(same.size).toBe(10_000);
  });
});
