import { describe, expect, it } from 'vitest';
import type { RunnerContext } from '../node-kind';
import type { InferenceEngine, ModelSession, ModelSessionOptions, RuntimeServices } from '../runtime/services';
import { openModelSessions } from './model-sessions';

/** An engine that records what it was asked to open and what was released; the nth load may fail. */
function recordingEngine(offThread: boolean, failAt?: number) {
  const loads: ModelSessionOptions[] = [];
  const released: number[] = [];
  const engine: InferenceEngine = {
    async load(_path, options = {}) {
      const n = loads.push(options) - 1;
      if (n === failAt) throw new Error(`session ${n} cannot open`);
      const session: ModelSession = { inputNames: ['x'], outputNames: ['y'], offThread, run: async () => new Map(), release: async () => void released.push(n) };
      return session;
    },
  };
  return { engine, loads, released };
}

const ctx = (engine: InferenceEngine, streams?: number): RunnerContext => ({
  stageId: 'model',
  maxBatch: 8,
  intraOpThreads: 4,
  streams,
  services: { inference: engine } as RuntimeServices,
});

describe('a model stage\'s sessions', () => {
  it('given 3 streams on an off-thread engine, when opened, then 3 sessions share the threads and batches go to the least busy', async () => {
    const { engine, loads } = recordingEngine(true);
    const sessions = await openModelSessions(ctx(engine, 3), 'm.onnx');
    expect(sessions.count).toBe(3);
    expect(loads).toEqual(Array(3).fill({ intraOpThreads: 4, streams: 3 }));
    const [a, b, c] = [sessions.take(), sessions.take(), sessions.take()];
    expect(new Set([a, b, c]).size).toBe(3);
    sessions.give(b);
    expect(sessions.take()).toBe(b);
    // With every session busy once more, the next one doubles up on one of them.
    expect([a, b, c]).toContain(sessions.take());
  });

  it('given streams asked of an engine that runs on the JS thread, when opened, then one session serves with every thread, since runs could not overlap', async () => {
    const { engine, loads, released } = recordingEngine(false);
    const sessions = await openModelSessions(ctx(engine, 4), 'm.onnx');
    expect(sessions.count).toBe(1);
    expect(sessions.offThread).toBe(false);
    // The first, opened for a quarter of the threads, is released and reopened with all of them.
    expect(loads).toEqual([{ intraOpThreads: 4, streams: 4 }, { intraOpThreads: 4, streams: 1 }]);
    expect(released).toEqual([0]);
  });

  it('given a session that fails to open, when opened, then the error is thrown and every session that did open is released', async () => {
    const { engine, released } = recordingEngine(true, 2);
    await expect(openModelSessions(ctx(engine, 3), 'm.onnx')).rejects.toThrow('session 2 cannot open');
    expect(released.sort()).toEqual([0, 1]);
  });

  it('given no streams option, when opened, then there is one session', async () => {
    const { engine } = recordingEngine(true);
    expect((await openModelSessions(ctx(engine), 'm.onnx')).count).toBe(1);
  });
});
