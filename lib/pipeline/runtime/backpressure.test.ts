import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPlan } from './run-plan';
import { plan, Probe, stage, testKinds, testServices } from './test-kinds';

/** A trigger firing every event-loop turn in front of a stage that sleeps: the line cannot keep up. */
function overloaded(times: number, delayMs: number, maxBatch = 1) {
  return plan(
    stage('trig', 'test.fire', {}, { times }),
    stage('src', 'test.count', { trigger: 'trig:trigger' }),
    stage('slow', 'test.map', { a: 'src:value' }, { delayMs, maxBatch }),
    stage('out', 'test.collect', { a: 'slow:value' }),
  );
}

describe('backpressure', () => {
  it('given a fast trigger and a slow stage, when the policy is drop, then every offered frame is either completed or counted as dropped', async () => {
    const probe = new Probe();
    const summary = await runPlan(overloaded(200, 3), testServices(), { backpressure: 'drop', queueCapacity: 2 }, testKinds(probe)).done;
    expect(probe.produced).toBe(200);
    expect(summary.dropped).toBeGreaterThan(0);
    expect(summary.frames + summary.dropped).toBe(200);
    expect(probe.sunk.get('out')).toHaveLength(summary.frames);
  });

  it('given the same overload, when the policy is block, then nothing is dropped and every frame completes', async () => {
    const probe = new Probe();
    const summary = await runPlan(overloaded(60, 1), testServices(), { backpressure: 'block', queueCapacity: 2 }, testKinds(probe)).done;
    expect(summary).toMatchObject({ frames: 60, dropped: 0 });
    expect(probe.sunk.get('out')!.map((s) => s.seq)).toEqual([...Array(60).keys()]);
  });

  it('given a free-running source, when the policy is drop, then it still blocks (nothing paces it, so nothing is dropped)', async () => {
    const probe = new Probe();
    const p = plan(stage('src', 'test.count', {}, { count: 40 }), stage('slow', 'test.map', { a: 'src:value' }, { delayMs: 1 }));
    const summary = await runPlan(p, testServices(), { backpressure: 'drop', queueCapacity: 1 }, testKinds(probe)).done;
    expect(summary).toMatchObject({ frames: 40, dropped: 0 });
  });

  it('given random capacities, batch sizes, frame counts and policies, when run, then completed + dropped == offered and no frame is duplicated', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          capacity: fc.integer({ min: 1, max: 6 }),
          maxBatch: fc.integer({ min: 1, max: 8 }),
          runnerBatch: fc.integer({ min: 1, max: 8 }),
          frames: fc.integer({ min: 0, max: 40 }),
          policy: fc.constantFrom('block' as const, 'drop' as const),
          triggered: fc.boolean(),
          slow: fc.boolean(),
          batchWaitMs: fc.constantFrom(0, 1),
          inFlight: fc.integer({ min: 1, max: 3 }),
        }),
        async (c) => {
          const probe = new Probe();
          const source = c.triggered
            ? [stage('trig', 'test.fire', {}, { times: c.frames }), stage('src', 'test.count', { trigger: 'trig:trigger' })]
            : [stage('src', 'test.count', {}, { count: c.frames })];
          const p = plan(
            ...source,
            stage('a', 'test.map', { a: 'src:value' }, { maxBatch: c.runnerBatch, delayMs: c.slow ? 1 : 0, inFlight: c.inFlight }),
            stage('b', 'test.map', { a: 'a:value' }, { op: 'inc', maxBatch: c.runnerBatch }),
            stage('out', 'test.collect', { a: 'b:value' }),
          );
          const summary = await runPlan(
            p,
            testServices(),
            { queueCapacity: c.capacity, maxBatch: c.maxBatch, backpressure: c.policy, batchWaitMs: c.batchWaitMs },
            testKinds(probe),
          ).done;
          const sunk = probe.sunk.get('out') ?? [];
          expect(probe.produced).toBe(c.frames);
          expect(summary.frames + summary.dropped).toBe(c.frames);
          expect(sunk).toHaveLength(summary.frames);
          expect(new Set(sunk.map((s) => s.id)).size).toBe(sunk.length);
          // Order is kept and values are right for the frames that made it.
          expect(sunk.map((s) => s.seq)).toEqual([...sunk.map((s) => s.seq)].sort((x, y) => x - y));
          for (const s of sunk) expect(s.values.a).toBe(2 * s.seq + 1);
          if (c.policy === 'block' || !c.triggered) expect(summary.dropped).toBe(0);
          for (const st of summary.stages.slice(1)) expect(st.queuePeak).toBeLessThanOrEqual(c.capacity);
          for (const size of [...(probe.batches.get('a') ?? []), ...(probe.batches.get('b') ?? [])]) {
            expect(size).toBeLessThanOrEqual(Math.min(c.maxBatch, c.runnerBatch));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
