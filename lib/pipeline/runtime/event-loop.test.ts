import { describe, expect, it } from 'vitest';
import { runPlan } from './run-plan';
import { plan, Probe, stage, testKinds, testServices } from './test-kinds';

describe('the runtime and the rest of the event loop', () => {
  it('given a camera that computes each frame on the JS thread and a stage answered by messages, when 300 frames run, then a timer due every 5 ms never waits behind the whole run', async () => {
    const probe = new Probe();
    const p = plan(
      stage('src', 'test.count', {}, { count: 300, busyMs: 4 }),
      stage('model', 'test.map', { a: 'src:value' }, { maxBatch: 8, inFlight: 2, viaPort: true }),
      stage('out', 'test.collect', { a: 'model:value' }),
    );
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    try {
      const summary = await runPlan(p, testServices(), { queueCapacity: 64, maxBatch: 8 }, testKinds(probe)).done;
      expect(summary.frames).toBe(300);
    } finally {
      clearInterval(timer);
    }
    // 300 frames × 4 ms is 1.2 s of camera work. Given a turn every 10 ms, the longest wait here was
    // ~40 ms; without, the port kept delivering replies and one wait reached ~350 ms.
    expect(gaps.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan(200);
  });
});
