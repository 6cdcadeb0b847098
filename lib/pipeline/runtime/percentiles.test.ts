import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from './percentiles';

describe('LatencyRecorder', () => {
  it('given nothing recorded, when summarised, then percentiles are zero', () => {
    expect(new LatencyRecorder().summary()).toEqual({ p50: 0, p99: 0 });
  });

  it('given 1..100, when summarised, then p50 is 50 and p99 is 99 (nearest rank)', () => {
    const r = new LatencyRecorder();
    for (let i = 100; i >= 1; i--) r.record(i);
    expect(r.summary()).toEqual({ p50: 50, p99: 99 });
    expect(r.percentile(100)).toBe(100);
    expect(r.count).toBe(100);
  });

  it('given more samples than the window, when summarised, then only the latest window counts but count keeps the total', () => {
    const r = new LatencyRecorder(10);
    for (let i = 0; i < 1000; i++) r.record(i < 990 ? 1_000_000 : 5);
    expect(r.summary()).toEqual({ p50: 5, p99: 5 });
    expect(r.count).toBe(1000);
  });

  it('given a non-finite sample, when recorded, then it is ignored', () => {
    const r = new LatencyRecorder();
    r.record(Number.NaN);
    r.record(Infinity);
    expect(r.count).toBe(0);
  });
});
