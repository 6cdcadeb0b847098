import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { withByteInput } from '@/lib/precision/onnx/byte-input';
import { OnnxGraphBuilder, type Dim } from '@/lib/precision/onnx/builder';
import { graphOf, type ModelProto } from '@/lib/precision/onnx/proto';
import { readModel } from '@/lib/precision/onnx/read-model';
import { writeModel } from '@/lib/precision/onnx/write-model';
import { checkerPython, checkModels } from './onnx-checker';
import { SHARED_MODELS } from './onnx-fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'loupe-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** y = x + 0 and z = x · 2: the image input read by two nodes, so every reader must be rewired. */
function twoReaders(dims: Dim[] = [1, 3, 2, 2], opset = 13): ModelProto {
  const b = new OnnxGraphBuilder({ name: 'two-readers', opset });
  const x = b.input('image', dims);
  b.op('Add', [x, b.initializer('zero', [1], [0])], {}, 'y');
  b.op('Mul', [x, b.initializer('two', [1], [2])], {}, 'z');
  b.output('y', dims);
  b.output('z', dims);
  return readModel(writeModel(b.build()));
}

async function run(model: ModelProto, feed: ort.Tensor): Promise<Record<string, Float32Array>> {
  const session = await ort.InferenceSession.create(writeModel(model));
  const out = await session.run({ image: feed });
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.data as Float32Array]));
}

describe('an image input rewritten to take 8-bit pixels', () => {
  const pixels = Uint8Array.from({ length: 12 }, (_, i) => [0, 1, 127, 128, 254, 255][i % 6] ^ (i * 37));

  it('given per-channel scales and biases, when fed bytes, then every reader sees round(round(u·scale) + bias) in float32, within 2^-22 of the float64 value relative to its larger term', async () => {
    const scale = [1 / 255, 1 / 128, 0.017];
    const bias = [0, -0.99609375, -2.1];
    const model = withByteInput(twoReaders(), { input: 'image', scale, bias });
    if (typeof model === 'string') throw new Error(model);
    const out = await run(model, new ort.Tensor('uint8', pixels, [1, 3, 2, 2]));
    const f = Math.fround;
    const expected = Array.from(pixels, (u, i) => f(f(u * f(scale[i >> 2])) + f(bias[i >> 2])));
    expect(Array.from(out.y)).toEqual(expected);
    expect(Array.from(out.z)).toEqual(expected.map((v) => f(v * 2)));
    pixels.forEach((u, i) => {
      const exact = u * scale[i >> 2] + bias[i >> 2];
      expect(Math.abs(out.y[i] - exact)).toBeLessThanOrEqual(Math.max(Math.abs(u * scale[i >> 2]), Math.abs(bias[i >> 2])) * 2 ** -22);
    });
  });

  it('given each opset and kind of scale, when rewritten, then the bytes are scaled by one DequantizeLinear where the opset has it for that scale, else by Cast and Mul, and the values are the same', async () => {
    const f = Math.fround;
    const cases: [number, number[], number[], string[]][] = [
      [13, [1 / 255, 1 / 128, 0.017], [0, 0, 0], ['DequantizeLinear']],
      [11, [1 / 255, 1 / 255, 1 / 255], [0, 0, 0], ['DequantizeLinear']],
      [11, [1 / 255, 1 / 128, 0.017], [0, 0, 0], ['Cast', 'Mul']],
      [9, [1 / 255, 1 / 255, 1 / 255], [-0.5, -0.5, -0.5], ['Cast', 'Mul', 'Add']],
      [13, [-1 / 255, 1 / 255, 1 / 255], [1, 0, 0], ['Cast', 'Mul', 'Add']],
    ];
    for (const [opset, scale, bias, ops] of cases) {
      const model = withByteInput(twoReaders([1, 3, 2, 2], opset), { input: 'image', scale, bias });
      if (typeof model === 'string') throw new Error(model);
      const added = graphOf(model).node.filter((n) => n.name?.startsWith('image/loupe_bytes/'));
      expect(added.map((n) => n.opType)).toEqual(ops);
      const out = await run(model, new ort.Tensor('uint8', pixels, [1, 3, 2, 2]));
      expect(Array.from(out.y)).toEqual(Array.from(pixels, (u, i) => f(f(u * f(scale[i >> 2])) + f(bias[i >> 2]))));
    }
  });

  it('given a scale of 1 and no bias, when rewritten, then only a Cast is added and the values are the bytes themselves', async () => {
    const model = withByteInput(twoReaders(), { input: 'image', scale: [1, 1, 1], bias: [0, 0, 0] });
    if (typeof model === 'string') throw new Error(model);
    const added = graphOf(model).node.filter((n) => n.name?.startsWith('image/loupe_bytes/'));
    expect(added.map((n) => n.opType)).toEqual(['Cast']);
    expect(Array.from((await run(model, new ort.Tensor('uint8', pixels, [1, 3, 2, 2]))).y)).toEqual(Array.from(pixels));
  });

  it('given a symbolic batch, when rewritten, then batches of any size run and the input keeps its name and shape', async () => {
    const model = withByteInput(twoReaders(['batch', 3, 2, 2]), { input: 'image', scale: [2, 2, 2], bias: [1, 1, 1] });
    if (typeof model === 'string') throw new Error(model);
    const input = graphOf(model).input[0];
    expect(input.name).toBe('image');
    expect(input.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 3, 2, 2]);
    const out = await run(model, new ort.Tensor('uint8', Uint8Array.from({ length: 24 }, (_, i) => i), [2, 3, 2, 2]));
    expect(Array.from(out.y)).toEqual(Array.from({ length: 24 }, (_, i) => 2 * i + 1));
  });

  it('given models it cannot rewrite, when asked, then each says why and the model is left as it was', () => {
    const cases: [ModelProto, Parameters<typeof withByteInput>[1], RegExp][] = [
      [twoReaders(), { input: 'nope', scale: [1, 1, 1], bias: [0, 0, 0] }, /no input "nope"/],
      [twoReaders(), { input: 'image', scale: [1], bias: [0] }, /not \[N, 1, H, W\]/],
      [twoReaders([1, 'c', 2, 2]), { input: 'image', scale: [1, 1, 1], bias: [0, 0, 0] }, /channel count fixed/],
      [twoReaders([1, 3, 4]), { input: 'image', scale: [1, 1, 1], bias: [0, 0, 0] }, /not \[N, 3, H, W\]/],
    ];
    for (const [model, spec, why] of cases) {
      const before = writeModel(model);
      expect(withByteInput(model, spec)).toMatch(why);
      expect(writeModel(model)).toEqual(before);
    }
  });

  it.skipIf(!checkerPython)(`given the rewritten model, when checked, then onnx.checker.check_model(full_check=True) accepts it${checkerPython ? '' : ' (skipped: no python3 with onnx)'}`, () => {
    const model = withByteInput(twoReaders(['batch', 3, 2, 2]), { input: 'image', scale: [1 / 255, 1 / 255, 1 / 255], bias: [-0.5, -0.5, -0.5] });
    if (typeof model === 'string') throw new Error(model);
    const file = path.join(dir, 'bytes.onnx');
    writeFileSync(file, writeModel(model));
    expect(checkModels([file])).toBe(1);
  });

  const fastestdet = path.join(SHARED_MODELS, 'fastestdet/FastestDet.onnx');
  it.skipIf(!existsSync(fastestdet))(`given FastestDet, when its input takes bytes /255, then its output matches the float model fed the same pixels /255${existsSync(fastestdet) ? '' : ' (skipped: ../shared/models is absent)'}`, async () => {
    const bytes = new Uint8Array(readFileSync(fastestdet));
    const name = graphOf(readModel(bytes)).input[0].name!;
    const rewritten = withByteInput(readModel(bytes), { input: name, scale: [1 / 255, 1 / 255, 1 / 255], bias: [0, 0, 0] });
    if (typeof rewritten === 'string') throw new Error(rewritten);
    const u8 = Uint8Array.from({ length: 3 * 352 * 352 }, (_, i) => (i * 2654435761) >>> 24);
    const [a, b] = [await ort.InferenceSession.create(bytes), await ort.InferenceSession.create(writeModel(rewritten))];
    const floatOut = Object.values(await a.run({ [name]: new ort.Tensor('float32', Float32Array.from(u8, (u) => u / 255), [1, 3, 352, 352]) }))[0].data as Float32Array;
    const byteOut = Object.values(await b.run({ [name]: new ort.Tensor('uint8', u8, [1, 3, 352, 352]) }))[0].data as Float32Array;
    await Promise.all([a.release(), b.release()]);
    expect(byteOut.length).toBe(floatOut.length);
    let worst = 0;
    floatOut.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - byteOut[i]))));
    expect(worst).toBeLessThan(1e-4);
  });
});
