import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import type { ModelOutputs, ModelSession } from '@/lib/pipeline/runtime/services';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { writeModel } from '@/lib/precision/onnx/write-model';

const dir = mkdtempSync(path.join(tmpdir(), 'loupe-batch-'));
const opened: ModelSession[] = [];
afterAll(async () => {
  for (const s of opened) await s.release();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A model that takes exactly one 3×2×2 image per run (batch fixed at 1, as many exported detectors
 * are) with two outputs: per-channel sums [1, 3], which has the batch dimension, and the sum of all
 * values as a scalar, which has none.
 */
function fixedBatchModel(): string {
  const b = new OnnxGraphBuilder({ name: 'fixed-batch', opset: 17 });
  const x = b.input('x', [1, 3, 2, 2]);
  const axes = b.initializer('axes', [2], [2, 3], 'int64');
  b.op('ReduceSum', [x, axes], { keepdims: 0 }, 'channel_sums');
  b.op('ReduceSum', [x], { keepdims: 0 }, 'total');
  b.output('channel_sums', [1, 3]);
  b.output('total', []);
  const file = path.join(dir, 'fixed-batch.onnx');
  writeFileSync(file, writeModel(b.build()));
  return file;
}

const model = fixedBatchModel();
const items = (n: number) => Float32Array.from({ length: n * 12 }, (_, i) => (i * 7) % 13);

async function open(offThread: boolean): Promise<ModelSession> {
  const session = await createOrtEngine({ offThread, intraOpThreads: 1 }).load(model);
  opened.push(session);
  return session;
}

/** One 2-value input, two outputs named as PyTorch exports name them: a word first, then a number. */
function numberNamedModel(): string {
  const b = new OnnxGraphBuilder({ name: 'number-named', opset: 17 });
  const x = b.input('x', [1, 2]);
  b.op('Neg', [x], {}, 'boxes');
  b.op('Relu', [x], {}, '758');
  b.output('boxes', [1, 2]);
  b.output('758', [1, 2]);
  const file = path.join(dir, 'number-named.onnx');
  writeFileSync(file, writeModel(b.build()));
  return file;
}

describe('outputs named by numbers', () => {
  it.each([true, false])('given a model whose second output is named "758", when run (off thread: %s), then every output arrives under its name in the model\'s order', async (offThread) => {
    const session = await createOrtEngine({ offThread, intraOpThreads: 1 }).load(numberNamedModel());
    opened.push(session);
    // Off the JS thread, a batch of two (run item by item and joined); on it, the model's one item.
    const items = offThread ? 2 : 1;
    const out = await session.run({ x: { dims: [items, 2], data: Float32Array.from([1, -2, -3, 4].slice(0, 2 * items)) } });
    expect(session.outputNames).toEqual(['boxes', '758']);
    expect([...out.keys()]).toEqual(['boxes', '758']);
    expect(Array.from(out.get('boxes')!.data)).toEqual([-1, 2, 3, -4].slice(0, 2 * items));
    expect(Array.from(out.get('758')!.data)).toEqual([1, 0, 0, 4].slice(0, 2 * items));
    expect(out.get('758')!.dims).toEqual([items, 2]);
  });
});

describe('a batch of frames for a model fixed at one item per run', () => {
  it('given three items on the off-thread engine, when run as one batch, then each item gets what its own run gives, with the batch dimension joined or added', async () => {
    const session = await open(true);
    const data = items(3);
    const batch = await session.run({ x: { dims: [3, 3, 2, 2], data } });
    expect(session.splitsBatch).toBe(true);
    expect(batch.get('channel_sums')!.dims).toEqual([3, 3]);
    expect(batch.get('total')!.dims).toEqual([3]);
    for (let k = 0; k < 3; k++) {
      const alone = await session.run({ x: { dims: [1, 3, 2, 2], data: data.slice(k * 12, (k + 1) * 12) } });
      expect(Array.from(batch.get('channel_sums')!.data.subarray(k * 3, k * 3 + 3))).toEqual(Array.from(alone.get('channel_sums')!.data));
      expect(batch.get('total')!.data[k]).toBe(alone.get('total')!.data[0]);
    }
    // Item 1 holds (i·7) mod 13 for i = 12…23: 6+0+7+1, 8+2+9+3, 10+4+11+5.
    expect(Array.from(batch.get('channel_sums')!.data.subarray(3, 6))).toEqual([14, 22, 30]);
  });

  it('given a batch of three transferred to the thread, when it comes back, then its buffer is handed back for reuse whole', async () => {
    const session = await open(true);
    const sent = items(3);
    await session.run({ x: { dims: [3, 3, 2, 2], data: sent } }, { transferInputs: true });
    expect(sent.length).toBe(0);
    expect(Array.from(session.inputArray!(36))).toEqual(Array.from(items(3)));
  });

  it('given outputs handed back after each batch, when the next batches run, then the handed-back arrays leave this thread and every later output is what a fresh run gives', async () => {
    const session = await open(true);
    const reference = await open(false);
    const batch = (k: number) => Float32Array.from({ length: 36 }, (_, i) => (i * 5 + k) % 17);
    let previous: ModelOutputs | undefined;
    for (let k = 0; k < 6; k++) {
      const out = await session.run({ x: { dims: [3, 3, 2, 2], data: batch(k) } });
      if (previous) expect([previous.get('channel_sums')!.data.length, previous.get('total')!.data.length]).toEqual([0, 0]);
      const sums = [];
      for (let item = 0; item < 3; item++) sums.push(...(await reference.run({ x: { dims: [1, 3, 2, 2], data: batch(k).slice(item * 12, (item + 1) * 12) } })).get('channel_sums')!.data);
      expect(Array.from(out.get('channel_sums')!.data)).toEqual(sums);
      expect(out.get('total')!.data[1]).toBe(sums[3] + sums[4] + sums[5]);
      session.recycle!(out);
      previous = out;
    }
    // A batch of another size cannot use the handed-back buffers, and is right all the same.
    const one = await session.run({ x: { dims: [1, 3, 2, 2], data: batch(9).slice(0, 12) } });
    expect(Array.from(one.get('channel_sums')!.data)).toEqual(Array.from((await reference.run({ x: { dims: [1, 3, 2, 2], data: batch(9).slice(0, 12) } })).get('channel_sums')!.data));
  });

  it('given the demo model (one run per batch) with its outputs handed back, when batches run, then each output equals the in-thread engine\'s', async () => {
    const file = path.resolve(__dirname, '../../models/demo/surface-anomaly.onnx');
    const session = await createOrtEngine({ offThread: true, intraOpThreads: 1 }).load(file);
    const reference = await createOrtEngine({ intraOpThreads: 1 }).load(file);
    opened.push(session, reference);
    for (let k = 0; k < 4; k++) {
      const data = Float32Array.from({ length: 2 * 256 * 256 }, (_, i) => ((i * 31 + k * 7) % 97) / 97);
      const out = await session.run({ [session.inputNames[0]]: { dims: [2, 1, 256, 256], data } });
      const expected = await reference.run({ [reference.inputNames[0]]: { dims: [2, 1, 256, 256], data } });
      for (const name of session.outputNames) expect(out.get(name)!.data).toEqual(expected.get(name)!.data);
      session.recycle!(out);
    }
  });

  it('given the in-thread engine, when asked, then it does not claim to split batches, and the off-thread demo model (dynamic batch) needs no splitting', async () => {
    expect((await open(false)).splitsBatch).toBeFalsy();
    const demo = await createOrtEngine({ offThread: true, intraOpThreads: 1 }).load(path.resolve(__dirname, '../../models/demo/surface-anomaly.onnx'));
    opened.push(demo);
    expect(demo.splitsBatch).toBe(false);
  });

  it('given feeds whose batch sizes disagree, when run, then it rejects saying so', async () => {
    const session = await open(true);
    await expect(session.run({ x: { dims: [2, 3, 2, 2], data: items(2) }, y: { dims: [3, 1], data: new Float32Array(3) } })).rejects.toThrow(/disagree on the batch size/);
  });
});
