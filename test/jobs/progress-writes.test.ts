import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressWrites, type ProgressWrite } from '../../src/main/jobs/progress-writes.js';

describe('progress writes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes each job’s latest progress once per interval, and nothing for a job that ended first', () => {
    const written: [string, ProgressWrite][] = [];
    const writes = new ProgressWrites((id, p) => written.push([id, p]), 250);
    for (let i = 1; i <= 10; i++) writes.defer('a', { progress: i / 10, message: `step ${i}` });
    writes.defer('b', { progress: 0.1, message: null });
    writes.defer('c', { progress: 0.5, message: null });
    writes.drop('c');
    expect(written).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(written).toEqual([
      ['a', { progress: 1, message: 'step 10' }],
      ['b', { progress: 0.1, message: null }],
    ]);
    // Nothing pending: no timer, no write.
    vi.advanceTimersByTime(1000);
    expect(written).toHaveLength(2);
    writes.defer('a', { progress: 0.2, message: null });
    writes.flush();
    expect(written.at(-1)).toEqual(['a', { progress: 0.2, message: null }]);
    vi.advanceTimersByTime(1000);
    expect(written).toHaveLength(3);
  });
});
