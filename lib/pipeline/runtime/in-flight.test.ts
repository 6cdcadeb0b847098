import { describe, expect, it } from 'vitest';
import { runPlan } from './run-plan';
import type { FrameOutcome } from './run-types';
import { plan, Probe, stage, testKinds, testServices } from './test-kinds';

/** A source, a stage that may keep `inFlight` batches in run() at once, and a sink. */
function overlapping(count: number | undefined, map: Record<string, unknown>) {
  return plan(
    stage('src', 'test.count', {}, count === undefined ? {} : { count }),
    stage('model', 'test.map', { a: 'src:value' }, { op: 'double', ...map }),
    stage('out', 'test.collect', { a: 'model:value' }),
  );
}

describe('runStageLoop: batches in flight', () => {
  it('given a stage that allows two batches in flight and whose even batches finish later, when 40 frames run, then frames still leave in order with the right values', async () => {
    const probe = new Probe();
    const p = overlapping(40, { maxBatch: 1, inFlight: 2, evenExtraMs: 3 });
    const run = runPlan(p, testServices(), { queueCapacity: 4, maxBatch: 1 }, testKinds(probe));
    const outcomes: FrameOutcome[] = [];
    run.onOutcome((o) => outcomes.push(o));
    const summary = await run.done;
    const sunk = probe.sunk.get('out')!;
    expect(sunk.map((s) => s.seq)).toEqual([...Array(40).keys()]);
    expect(sunk.map((s) => s.values.a)).toEqual([...Array(40).keys()].map((n) => 2 * n));
    expect(outcomes.map((o) => o.info.seq)).toEqual([...Array(40).keys()]);
    expect(summary).toMatchObject({ frames: 40, passed: 40, dropped: 0 });
    expect(probe.maxRunning.get('model')).toBe(2);
  });

  it('given a stage that asks for two batches in flight, when it runs, then it never has more than two in run() and every frame gets a stage time', async () => {
    const probe = new Probe();
    const summary = await runPlan(overlapping(60, { maxBatch: 4, inFlight: 2, delayMs: 1 }), testServices(), { queueCapacity: 8, maxBatch: 4 }, testKinds(probe)).done;
    expect(probe.maxRunning.get('model')).toBeLessThanOrEqual(2);
    expect(probe.batches.get('model')!.reduce((a, b) => a + b, 0)).toBe(60);
    const model = summary.stages.find((s) => s.id === 'model')!;
    expect(model.frames).toBe(60);
    expect(model.p50Ms).toBeGreaterThanOrEqual(0);
  });

  it('given a stage whose inFlight grows from 2 to 5 after its first 10 batches, when 80 frames run, then it has up to 5 in run() and frames still leave in order', async () => {
    const probe = new Probe();
    const p = overlapping(80, { maxBatch: 1, inFlight: 2, growAfter: 10, grownInFlight: 5, delayMs: 2 });
    const run = runPlan(p, testServices(), { queueCapacity: 8, maxBatch: 1 }, testKinds(probe));
    const runningAt: number[] = [];
    run.onOutcome(() => runningAt.push(probe.running.get('model') ?? 0));
    const summary = await run.done;
    expect(summary).toMatchObject({ frames: 80, dropped: 0 });
    expect(Math.max(...runningAt.slice(0, 8))).toBeLessThanOrEqual(2);
    expect(probe.maxRunning.get('model')).toBe(5);
    expect(probe.sunk.get('out')!.map((s) => s.values.a)).toEqual([...Array(80).keys()].map((n) => 2 * n));
  });

  it('given the default (no inFlight), when frames run, then a stage has one batch in run() at a time', async () => {
    const probe = new Probe();
    await runPlan(overlapping(30, { maxBatch: 2, delayMs: 1 }), testServices(), { queueCapacity: 8 }, testKinds(probe)).done;
    expect(probe.maxRunning.get('model')).toBe(1);
  });

  it('given two batches in flight and a slow sink, when frames run, then queues stay within capacity and the frames held stay bounded', async () => {
    const probe = new Probe();
    const p = plan(
      stage('src', 'test.count', {}, { count: 80 }),
      stage('model', 'test.map', { a: 'src:value' }, { op: 'double', maxBatch: 2, inFlight: 2 }),
      stage('slow', 'test.map', { a: 'model:value' }, { op: 'inc', delayMs: 1 }),
      stage('out', 'test.collect', { a: 'slow:value' }),
    );
    const capacity = 3;
    const summary = await runPlan(p, testServices(), { queueCapacity: capacity, maxBatch: 2 }, testKinds(probe)).done;
    expect(summary).toMatchObject({ frames: 80, dropped: 0 });
    for (const s of summary.stages.slice(1)) expect(s.queuePeak).toBeLessThanOrEqual(capacity);
    // Three queues, two batches of two in the model stage, one frame in the slow stage, one sink batch of up to four.
    expect(probe.maxBacklog).toBeLessThanOrEqual(3 * capacity + 2 * 2 + 1 + 4 + 1);
    expect(probe.sunk.get('out')!.map((s) => s.values.a)).toEqual([...Array(80).keys()].map((n) => 2 * n + 1));
  });

  it('given a fast trigger, two batches in flight and the drop policy, when the line cannot keep up, then every offered frame is completed or counted as dropped', async () => {
    const probe = new Probe();
    const p = plan(
      stage('trig', 'test.fire', {}, { times: 150 }),
      stage('src', 'test.count', { trigger: 'trig:trigger' }),
      stage('model', 'test.map', { a: 'src:value' }, { op: 'double', inFlight: 2, delayMs: 2 }),
      stage('out', 'test.collect', { a: 'model:value' }),
    );
    const summary = await runPlan(p, testServices(), { backpressure: 'drop', queueCapacity: 2 }, testKinds(probe)).done;
    expect(summary.dropped).toBeGreaterThan(0);
    expect(summary.frames + summary.dropped).toBe(150);
    const seqs = probe.sunk.get('out')!.map((s) => s.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('given two slow batches in flight, when stop() is called, then both finish and reach the sink before the run ends, and each runner closes once', async () => {
    const probe = new Probe();
    const run = runPlan(overlapping(undefined, { maxBatch: 3, inFlight: 2, delayMs: 5 }), testServices(), { queueCapacity: 4, maxBatch: 3 }, testKinds(probe));
    // Once frames flow, stop the next time the stage has both batches in run().
    const stopping = await new Promise<Promise<unknown>>((resolve) => {
      const check = setInterval(() => {
        if (probe.running.get('model') === 2 && run.summary().frames > 0) {
          clearInterval(check);
          resolve(run.stop());
        }
      }, 1);
    });
    const summary = await run.done;
    await stopping;
    const sunk = probe.sunk.get('out') ?? [];
    expect(probe.running.get('model')).toBe(0);
    expect(summary.frames).toBe(probe.produced);
    expect(sunk.map((s) => s.seq)).toEqual([...Array(probe.produced).keys()]);
    expect([...probe.closes.values()].every((n) => n === 1)).toBe(true);
    expect(probe.closes.size).toBe(3);
  });
});
