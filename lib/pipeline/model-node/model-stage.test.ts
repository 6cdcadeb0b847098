import { describe, expect, it } from 'vitest';
import type { RunnerContext } from '../node-kind';
import type { ModelRef } from '../plan';
import type { ByteLayout, InferenceEngine, ModelSession, RuntimeServices } from '../runtime/services';
import type { Frame } from '../values';
import { MAX_PER_SESSION } from './flight-depth';
import { createModelStage } from './model-stage';

/**
 * An engine whose sessions compute "off the JS thread" in `runMs` of the stage's own clock: each
 * run moves the clock on by that much, as a real run's reply arrives that much later.
 */
function timedEngine(runMs: number, offThread = true, splitsBatch = false) {
  const clock = { now: 0 };
  const engine: InferenceEngine = {
    async load() {
      const session: ModelSession = {
        inputNames: ['x'],
        outputNames: ['y'],
        offThread,
        splitsBatch,
        async run(feeds) {
          clock.now += runMs;
          const n = feeds.x.dims[0];
          return new Map([['y', { dims: [n, 1], data: Float32Array.from({ length: n }, (_, i) => feeds.x.data[i * 16]) }]]);
        },
        release: async () => undefined,
      };
      return session;
    },
  };
  return { engine, clock };
}

function ctx(engine: InferenceEngine, clock: { now: number }, streams = 1, maxBatch = 1): RunnerContext {
  return { stageId: 'model', maxBatch, intraOpThreads: 2, streams, services: { inference: engine, now: () => clock.now } as RuntimeServices };
}

const MODEL = { path: 'm.onnx' } as ModelRef;
const INPUT = { name: 'x', dynamicBatch: false, channels: 1, height: 4, width: 4 } as const;
const frame = (v: number): Frame => ({ width: 4, height: 4, channels: 1, data: new Uint8Array(16).fill(v) });

async function stageAfterRuns(runMs: number, runs: number, options: { streams?: number; offThread?: boolean } = {}) {
  const { engine, clock } = timedEngine(runMs, options.offThread);
  const stage = await createModelStage(ctx(engine, clock, options.streams), { model: MODEL, preprocess: [] }, INPUT, (outputs) => ({ value: outputs.get('y')!.data[0] }));
  const before = stage.inFlight;
  const values: unknown[] = [];
  for (let i = 0; i < runs; i++) {
    const [outcome] = await stage.run([{ frame: frame(i) }], []);
    values.push((outcome as { value: number }).value);
  }
  return { before, after: stage.inFlight, values };
}

describe('a model stage\'s batches in flight', () => {
  it('given runs of 1.5 ms off the JS thread, when 20 have run, then the stage keeps as many in flight as its cap allows, up from 2', async () => {
    const { before, after, values } = await stageAfterRuns(1.5, 20);
    expect(before).toBe(2);
    // 1 + ceil(10 / 1.5) = 8
    expect(after).toBe(MAX_PER_SESSION);
    expect(values).toEqual([...Array(20).keys()]);
  });

  it('given runs of 4 ms, when 20 have run, then one runs and three wait, covering a 10 ms stall', async () => {
    expect((await stageAfterRuns(4, 20)).after).toBe(4);
  });

  it('given runs of 40 ms, when 5 have run, then two are enough', async () => {
    expect((await stageAfterRuns(40, 5)).after).toBe(2);
  });

  it('given 3 streams with runs of 4 ms, when 20 have run, then each session gets that depth', async () => {
    expect((await stageAfterRuns(4, 20, { streams: 3 })).after).toBe(12);
  });

  it('given an engine that computes on the JS thread, when runs are short, then one batch at a time, as nothing could overlap', async () => {
    const { before, after } = await stageAfterRuns(1, 20, { offThread: false });
    expect([before, after]).toEqual([1, 1]);
  });
});

describe('a model stage\'s batch size for a model fixed at one item per run', () => {
  const open = (splitsBatch: boolean) => {
    const { engine, clock } = timedEngine(1, true, splitsBatch);
    return createModelStage(ctx(engine, clock, 1, 8), { model: MODEL, preprocess: [] }, INPUT, (outputs, item) => ({ value: outputs.get('y')!.data[0], seen: item.frame.data[0] }));
  };

  it('given sessions that run a batch item by item, when the host allows 8, then the stage takes 8 and each frame gets its own item\'s output', async () => {
    const stage = await open(true);
    expect(stage.maxBatch).toBe(8);
    const outcomes = await stage.run([3, 5, 7].map((v) => ({ frame: frame(v) })), []);
    expect(outcomes).toEqual([3, 5, 7].map((v) => ({ value: v, seen: v })));
  });

  it('given sessions that cannot, when the host allows 8, then the stage takes one frame at a time', async () => {
    expect((await open(false)).maxBatch).toBe(1);
  });
});

describe('a model stage feeding its model 8-bit pixels', () => {
  /** Records what it was asked to load and what each run was fed; takes bytes in `layout`, or floats where false. */
  function recordingEngine(layout: ByteLayout | false) {
    const seen: { byteInput?: unknown; fed: (Float32Array | Uint8Array)[]; dims: number[][] } = { fed: [], dims: [] };
    const engine: InferenceEngine = {
      async load(_path, options) {
        seen.byteInput = options?.byteInput;
        return {
          inputNames: ['x'],
          outputNames: ['y'],
          offThread: true,
          byteLayout: layout && options?.byteInput !== undefined ? layout : undefined,
          async run(feeds) {
            seen.fed.push(feeds.x.data);
            seen.dims.push(feeds.x.dims);
            return new Map([['y', { dims: [1, 1], data: Float32Array.of(feeds.x.data[5]) }]]);
          },
          release: async () => undefined,
        };
      },
    };
    return { engine, seen };
  }
  const preprocess = [{ op: 'normalize' as const, scale: 1 / 255, mean: [0], std: [1], order: 'rgb' as const }];
  const gradient: Frame = { width: 4, height: 4, channels: 1, data: Uint8Array.from({ length: 16 }, (_, i) => i * 16) };

  it('given a normalize only and an engine that takes bytes, when a frame runs, then the model is asked to scale by 1/255 itself and is fed the frame\'s bytes', async () => {
    const { engine, seen } = recordingEngine('nchw');
    const stage = await createModelStage(ctx(engine, { now: 0 }), { model: MODEL, preprocess }, INPUT, (outputs) => ({ value: outputs.get('y')!.data[0] }));
    const [outcome] = await stage.run([{ frame: gradient }], []);
    expect(seen.byteInput).toEqual({ input: 'x', scale: [1 / 255], bias: [0], planeOf: [0] });
    expect(seen.fed[0]).toBeInstanceOf(Uint8Array);
    expect(Array.from(seen.fed[0])).toEqual(Array.from(gradient.data));
    expect(outcome).toEqual({ value: 80 });
  });

  it('given an engine that keeps float inputs, when a frame runs, then the stage writes the scaled floats itself', async () => {
    const { engine, seen } = recordingEngine(false);
    const stage = await createModelStage(ctx(engine, { now: 0 }), { model: MODEL, preprocess }, INPUT, (outputs) => ({ value: outputs.get('y')!.data[0] }));
    await stage.run([{ frame: gradient }], []);
    expect(seen.fed[0]).toBeInstanceOf(Float32Array);
    expect(seen.fed[0][5]).toBe(Math.fround(80 / 255));
  });

  const rgb: Frame = { width: 4, height: 2, channels: 3, data: Uint8Array.from({ length: 24 }, (_, i) => 10 * i) };
  const rgbInput = { name: 'x', dynamicBatch: true, channels: 3, height: 2, width: 4 } as const;
  const bgr = [{ op: 'normalize' as const, scale: 1 / 255, mean: [0], std: [1], order: 'bgr' as const }];

  it('given an RGB camera, a BGR model and a session that reads interleaved pixels, when two frames run, then it is fed the frames\' bytes as they are, [N, H, W, C]', async () => {
    const { engine, seen } = recordingEngine('nhwc');
    const stage = await createModelStage(ctx(engine, { now: 0 }, 1, 2), { model: MODEL, preprocess: bgr }, rgbInput, () => ({}));
    await stage.run([{ frame: rgb }, { frame: rgb }], []);
    expect(seen.byteInput).toEqual({ input: 'x', scale: [1 / 255, 1 / 255, 1 / 255], bias: [0, 0, 0], planeOf: [2, 1, 0] });
    expect(seen.dims).toEqual([[2, 2, 4, 3]]);
    expect(Array.from(seen.fed[0])).toEqual([...rgb.data, ...rgb.data]);
  });

  it('given the same with a session that takes planes, when a frame runs, then it is fed the bytes split into planes in the model\'s order, [N, C, H, W]', async () => {
    const { engine, seen } = recordingEngine('nchw');
    const stage = await createModelStage(ctx(engine, { now: 0 }), { model: MODEL, preprocess: bgr }, rgbInput, () => ({}));
    await stage.run([{ frame: rgb }], []);
    expect(seen.dims).toEqual([[1, 3, 2, 4]]);
    const plane = (k: number) => Array.from({ length: 8 }, (_, p) => rgb.data[p * 3 + k]);
    expect(Array.from(seen.fed[0])).toEqual([...plane(2), ...plane(1), ...plane(0)]);
  });
});
