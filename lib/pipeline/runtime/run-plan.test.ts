import { describe, expect, it } from 'vitest';
import { ProblemError } from '../problems';
import { runPlan } from './run-plan';
import type { FrameOutcome } from './run-types';
import { plan, Probe, stage, testKinds, testServices } from './test-kinds';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err.problems.map((p) => `${p.code}${p.nodeId ? `@${p.nodeId}` : ''}`);
    throw err;
  }
  return [];
}

describe('runPlan: values through the stages', () => {
  it('given a DAG with a branch and a join, when 20 frames run, then every frame carries the right values in order', async () => {
    const probe = new Probe();
    const p = plan(
      stage('src', 'test.count', {}, { count: 20 }),
      stage('dbl', 'test.map', { a: 'src:value' }, { op: 'double', maxBatch: 4 }),
      stage('inc', 'test.map', { a: 'src:value' }, { op: 'inc' }),
      stage('sum', 'test.map', { a: 'dbl:value', b: 'inc:value' }, { op: 'add', maxBatch: 3 }),
      stage('out', 'test.collect', { a: 'sum:value' }),
    );
    const summary = await runPlan(p, testServices(), { queueCapacity: 3 }, testKinds(probe)).done;
    const sunk = probe.sunk.get('out')!;
    expect(sunk.map((s) => s.seq)).toEqual([...Array(20).keys()]);
    expect(sunk.map((s) => s.values.a)).toEqual([...Array(20).keys()].map((n) => 2 * n + (n + 1)));
    expect(summary).toMatchObject({ frames: 20, passed: 20, failed: 0, errors: 0, dropped: 0 });
  });

  it('given a verdict stage, when frames run, then odd values fail, even pass and outcomes carry the verdict', async () => {
    const probe = new Probe();
    const p = plan(stage('src', 'test.count', {}, { count: 10 }), stage('judge', 'test.verdict', { a: 'src:value' }), stage('out', 'test.collect', { verdict: 'judge:verdict' }));
    const run = runPlan(p, testServices(), {}, testKinds(probe));
    const outcomes: FrameOutcome[] = [];
    run.onOutcome((o) => outcomes.push(o));
    const summary = await run.done;
    expect(summary).toMatchObject({ frames: 10, passed: 5, failed: 5, errors: 0 });
    expect(outcomes.map((o) => o.verdict)).toEqual(['pass', 'fail', 'pass', 'fail', 'pass', 'fail', 'pass', 'fail', 'pass', 'fail']);
    expect(outcomes[1].detail?.reasons).toEqual(['odd']);
  });

  it('given a plan with only a source, when it runs, then frames complete on entry and pass', async () => {
    const summary = await runPlan(plan(stage('src', 'test.count', {}, { count: 5 })), testServices(), {}, testKinds(new Probe())).done;
    expect(summary).toMatchObject({ frames: 5, passed: 5 });
  });
});

describe('runPlan: micro-batching', () => {
  it('given a slow batching stage under load, when frames run, then batches larger than one form and none exceed the limit', async () => {
    const probe = new Probe();
    const p = plan(
      stage('src', 'test.count', {}, { count: 120 }),
      stage('model', 'test.map', { a: 'src:value' }, { op: 'double', maxBatch: 32, delayMs: 2 }),
      stage('out', 'test.collect', { a: 'model:value' }),
    );
    const summary = await runPlan(p, testServices(), { queueCapacity: 16, maxBatch: 6, batchWaitMs: 5 }, testKinds(probe)).done;
    const sizes = probe.batches.get('model')!;
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(120);
    expect(summary.frames).toBe(120);
  });

  it('given a runner that accepts only one frame, when the run allows 8, then it always gets one', async () => {
    const probe = new Probe();
    const p = plan(stage('src', 'test.count', {}, { count: 30 }), stage('one', 'test.map', { a: 'src:value' }, { maxBatch: 1, delayMs: 1 }));
    await runPlan(p, testServices(), { maxBatch: 8 }, testKinds(probe)).done;
    expect(new Set(probe.batches.get('one'))).toEqual(new Set([1]));
  });
});

describe('runPlan: errors are data', () => {
  it('given stage errors on every 3rd frame and source errors on every 5th, when 30 frames run, then errors are counted by code and sinks still see them', async () => {
    const probe = new Probe();
    const services = testServices();
    const p = plan(
      stage('src', 'test.count', {}, { count: 30, errorEvery: 5 }),
      stage('flaky', 'test.map', { a: 'src:value' }, { failEvery: 3, maxBatch: 4 }),
      stage('after', 'test.map', { a: 'flaky:value' }, { op: 'inc' }),
      stage('out', 'test.collect', { a: 'after:value' }),
    );
    const summary = await runPlan(p, services, {}, testKinds(probe)).done;
    const decode = [4, 9, 14, 19, 24, 29];
    const failed = [2, 5, 8, 11, 17, 20, 23, 26]; // every 3rd, less those the source already failed
    expect(summary).toMatchObject({ frames: 30, errors: 14, passed: 16, errorsByCode: { 'frame.decode': 6, internal: 8 } });
    const sunk = probe.sunk.get('out')!;
    expect(sunk).toHaveLength(30);
    expect(sunk.filter((s) => s.errorCode === 'frame.decode').map((s) => s.seq)).toEqual(decode);
    expect(sunk.filter((s) => s.errorCode === 'internal').map((s) => s.seq)).toEqual(failed);
    // Later stages skip failed frames: 'after' ran only on the 16 good ones, so errored frames carry no 'a'.
    expect(summary.stages.find((s) => s.id === 'after')!.frames).toBe(16);
    expect(sunk.filter((s) => s.errorCode).every((s) => s.values.a === undefined)).toBe(true);
    expect(services.logged.some((l) => l.level === 'warn' && /frame f2 failed in stage "flaky"/.test(l.message))).toBe(true);
  });

  it('given a runner that throws, when its batch fails, then every frame of the batch gets frame.stage-failed naming the stage and the run goes on', async () => {
    const probe = new Probe();
    const p = plan(
      stage('src', 'test.count', {}, { count: 12 }),
      stage('boom', 'test.map', { a: 'src:value' }, { throwEvery: 4, maxBatch: 1 }),
      stage('out', 'test.collect', { a: 'boom:value' }),
    );
    const run = runPlan(p, testServices(), {}, testKinds(probe));
    const errors: FrameOutcome[] = [];
    run.onOutcome((o) => o.error && errors.push(o));
    const summary = await run.done;
    expect(summary).toMatchObject({ frames: 12, errors: 3, errorsByCode: { 'frame.stage-failed': 3 } });
    expect(errors.map((o) => o.info.seq)).toEqual([3, 7, 11]);
    expect(errors[0].error).toMatchObject({ code: 'frame.stage-failed', nodeId: 'boom', message: 'Stage "boom" failed: the device fell over' });
    expect(errors[0].info.error?.code).toBe('frame.stage-failed');
  });

  it('given a source that throws instead of reporting a frame error, when it does, then the run ends cleanly with the frames before it', async () => {
    const probe = new Probe();
    const services = testServices();
    const base = testKinds(probe);
    let n = 0;
    const kinds = (kind: string) =>
      kind === 'test.crash'
        ? {
            ...base('test.count')!,
            kind,
            createSource: () => ({
              next: async () => {
                if (n === 4) throw new Error('camera unplugged');
                return { info: { id: `c${n}`, seq: n, origin: 'cam', capturedAt: 0 }, values: { value: n++ } };
              },
              close: async () => probe.closed('cam'),
            }),
          }
        : base(kind);
    const p = plan({ ...stage('cam', 'test.crash'), role: 'source' }, stage('out', 'test.collect', { a: 'cam:value' }));
    const summary = await runPlan(p, services, {}, kinds).done;
    expect(summary.frames).toBe(4);
    expect(probe.sunk.get('out')!.map((s) => s.values.a)).toEqual([0, 1, 2, 3]);
    expect(services.logged.some((l) => l.level === 'error' && l.message.includes('camera unplugged'))).toBe(true);
    expect(Object.fromEntries(probe.closes)).toEqual({ cam: 1, out: 1 });
  });

  it('given a runner that returns fewer outcomes than frames, when it runs, then that batch fails with frame.stage-failed', async () => {
    const probe = new Probe();
    const base = testKinds(probe);
    const kinds = (kind: string) =>
      kind === 'test.short' ? { ...base('test.map')!, kind, createStage: async () => ({ maxBatch: 1, run: async () => [] }) } : base(kind);
    const p = plan(stage('src', 'test.count', {}, { count: 2 }), stage('short', 'test.short', { a: 'src:value' }));
    const run = runPlan(p, testServices(), {}, kinds);
    const messages: string[] = [];
    run.onOutcome((o) => messages.push(o.error?.message ?? ''));
    expect(await run.done).toMatchObject({ frames: 2, errors: 2, errorsByCode: { 'frame.stage-failed': 2 } });
    expect(messages[0]).toBe('Stage "short" failed: it returned 0 outcomes for 1 frames');
  });

  it('given a listener that throws, when frames complete, then the run still finishes and logs it', async () => {
    const services = testServices();
    const run = runPlan(plan(stage('src', 'test.count', {}, { count: 3 })), services, {}, testKinds(new Probe()));
    run.onOutcome(() => {
      throw new Error('listener bug');
    });
    expect((await run.done).frames).toBe(3);
    expect(services.logged.filter((l) => l.message === 'an outcome listener threw')).toHaveLength(3);
  });
});

describe('runPlan: stop, maxFrames and closing', () => {
  it('given an endless source and a slow stage, when stop() is called mid-run, then in-flight frames drain and each runner closes once', async () => {
    const probe = new Probe();
    const p = plan(
      stage('trig', 'test.fire'),
      stage('src', 'test.count', { trigger: 'trig:trigger' }),
      stage('slow', 'test.map', { a: 'src:value' }, { delayMs: 2, maxBatch: 2 }),
      stage('out', 'test.collect', { a: 'slow:value' }),
    );
    const run = runPlan(p, testServices(), { queueCapacity: 4 }, testKinds(probe));
    let stopping: Promise<unknown> | undefined;
    run.onOutcome(() => {
      if (run.summary().frames >= 5) stopping ??= run.stop();
    });
    const summary = await run.done;
    await stopping;
    expect(summary.frames).toBe(probe.produced);
    expect(probe.sunk.get('out')).toHaveLength(probe.produced);
    expect(summary.frames).toBeGreaterThanOrEqual(5);
    expect(Object.fromEntries(probe.closes)).toEqual({ trig: 1, src: 1, slow: 1, out: 1 });
    // Calling stop again is harmless and answers the same summary.
    expect(await run.stop()).toEqual(summary);
    expect(Object.fromEntries(probe.closes)).toEqual({ trig: 1, src: 1, slow: 1, out: 1 });
  });

  it('given maxFrames, when the source could go on, then exactly that many frames enter and complete', async () => {
    const probe = new Probe();
    const p = plan(stage('src', 'test.count'), stage('dbl', 'test.map', { a: 'src:value' }, { maxBatch: 4 }), stage('out', 'test.collect', { a: 'dbl:value' }));
    const summary = await runPlan(p, testServices(), { maxFrames: 17, queueCapacity: 2 }, testKinds(probe)).done;
    expect(summary.frames).toBe(17);
    expect(probe.produced).toBe(17);
    expect(Object.fromEntries(probe.closes)).toEqual({ src: 1, dbl: 1, out: 1 });
  });

  it('given stop() right after start, when runners are still being created, then it resolves with an empty summary and closes them', async () => {
    const probe = new Probe();
    const run = runPlan(plan(stage('src', 'test.count'), stage('out', 'test.collect', { a: 'src:value' })), testServices(), {}, testKinds(probe));
    const summary = await run.stop();
    expect(summary.frames).toBe(probe.produced);
    expect(Object.fromEntries(probe.closes)).toEqual({ src: 1, out: 1 });
  });
});

describe('runPlan: timing and bounded memory', () => {
  it('given a chain of stages, when it runs, then every stage and the source report timings and frame counts', async () => {
    const probe = new Probe();
    const p = plan(
      stage('src', 'test.count', {}, { count: 25 }),
      stage('a', 'test.map', { a: 'src:value' }, { maxBatch: 4 }),
      stage('b', 'test.map', { a: 'a:value' }, { delayMs: 1 }),
      stage('out', 'test.collect', { a: 'b:value' }),
    );
    const run = runPlan(p, testServices(), {}, testKinds(probe));
    const outcomes: FrameOutcome[] = [];
    run.onOutcome((o) => outcomes.push(o));
    const summary = await run.done;
    expect(summary.stages.map((s) => [s.id, s.kind, s.frames])).toEqual([
      ['src', 'test.count', 25],
      ['a', 'test.map', 25],
      ['b', 'test.map', 25],
      ['out', 'test.collect', 25],
    ]);
    for (const s of summary.stages) expect(s.p99Ms).toBeGreaterThanOrEqual(s.p50Ms);
    expect(summary.stages.find((s) => s.id === 'b')!.p50Ms).toBeGreaterThan(0);
    expect(Object.keys(outcomes[0].stageMs).sort()).toEqual(['a', 'b', 'out', 'src']);
    expect(summary.latencyMs.p99).toBeGreaterThanOrEqual(summary.latencyMs.p50);
    expect(summary.fps).toBeGreaterThan(0);
  });

  it('given a fast source and a slow stage, when it runs blocked, then no queue ever holds more than its capacity', async () => {
    const probe = new Probe();
    const capacity = 3;
    const p = plan(
      stage('src', 'test.count', {}, { count: 80 }),
      stage('a', 'test.map', { a: 'src:value' }, { maxBatch: 4 }),
      stage('slow', 'test.map', { a: 'a:value' }, { delayMs: 1, maxBatch: 2 }),
      stage('out', 'test.collect', { a: 'slow:value' }),
    );
    const summary = await runPlan(p, testServices(), { queueCapacity: capacity, maxBatch: 4, batchWaitMs: 0 }, testKinds(probe)).done;
    for (const s of summary.stages.slice(1)) expect(s.queuePeak).toBeLessThanOrEqual(capacity);
    expect(summary.stages.find((s) => s.id === 'a')!.queuePeak).toBe(capacity);
    // Seen from outside: frames produced but not yet sunk never exceed the queues plus one batch per stage (+1 at the source).
    expect(probe.maxBacklog).toBeLessThanOrEqual(3 * capacity + 4 + 2 + 4 + 1);
  });
});

describe('runPlan: plans and options it cannot run', () => {
  const kinds = testKinds(new Probe());
  const services = testServices();

  it('given no source, when run, then it throws plan.invalid', () => {
    expect(problemsOf(() => runPlan(plan(stage('out', 'test.collect')), services, {}, kinds))).toEqual(['plan.invalid']);
  });

  it('given two triggers and two sources, when run, then both are named', () => {
    const p = plan(stage('t1', 'test.fire'), stage('t2', 'test.fire'), stage('s1', 'test.count'), stage('s2', 'test.count'));
    expect(problemsOf(() => runPlan(p, services, {}, kinds))).toEqual(['plan.invalid', 'plan.invalid']);
  });

  it('given an unknown kind, a source used as a stage and an input from a later stage, when run, then each is a problem naming the stage', () => {
    const p = plan(
      stage('src', 'test.count'),
      stage('x', 'test.nope'),
      { ...stage('y', 'test.count'), role: 'stage' },
      stage('early', 'test.map', { a: 'late:value' }),
      stage('late', 'test.map', { a: 'src:value' }),
    );
    expect(problemsOf(() => runPlan(p, services, {}, kinds))).toEqual(['node.unknown-kind@x', 'plan.invalid@y', 'plan.invalid@early']);
  });

  it('given bad options, when run, then run.bad-options names the option', () => {
    const p = plan(stage('src', 'test.count', {}, { count: 1 }));
    expect(problemsOf(() => runPlan(p, services, { queueCapacity: 0, backpressure: 'lossy' as 'drop' }, kinds))).toEqual(['run.bad-options', 'run.bad-options']);
  });

  it('given a stage that cannot start, when run, then done rejects naming it and the runners built so far are closed', async () => {
    const probe = new Probe();
    const base = testKinds(probe);
    const broken = (kind: string) =>
      kind === 'test.broken'
        ? { ...base('test.map')!, kind, createStage: async () => Promise.reject(new Error('model file is not ONNX')) }
        : base(kind);
    const p = plan(stage('src', 'test.count'), stage('ok', 'test.map', { a: 'src:value' }), stage('bad', 'test.broken', { a: 'ok:value' }));
    const err = await runPlan(p, services, {}, broken).done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).problems).toEqual([{ code: 'plan.invalid', message: 'Stage "bad" could not start: model file is not ONNX', nodeId: 'bad' }]);
    expect(Object.fromEntries(probe.closes)).toEqual({ src: 1, ok: 1 });
  });
});
