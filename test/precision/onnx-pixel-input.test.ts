import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { OnnxGraphBuilder, type AttrValue, type Dim } from '@/lib/precision/onnx/builder';
import { withPixelInput, type PixelInputSpec } from '@/lib/precision/onnx/pixel-input';
import { graphOf, onnx, type ModelProto } from '@/lib/precision/onnx/proto';
import { readModel } from '@/lib/precision/onnx/read-model';
import { writeModel } from '@/lib/precision/onnx/write-model';
import { checkerPython, checkModels } from './onnx-checker';
import { SHARED_MODELS } from './onnx-fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'loupe-pixels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ConvCase {
  height: number;
  width: number;
  kernel: [number, number];
  strides: [number, number];
  pads: [number, number, number, number];
  outChannels: number;
  seed: number;
}

/** image → Conv (+ Relu after, so the Conv's output is not the graph's): the shape of a detector's stem. */
function convModel(c: ConvCase, extra: Record<string, AttrValue> = {}, batch: Dim = 'batch'): ModelProto {
  const b = new OnnxGraphBuilder({ name: 'stem', opset: 11 });
  const x = b.input('image', [batch, 3, c.height, c.width]);
  let s = c.seed;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const w = b.initializer('w', [c.outChannels, 3, ...c.kernel], Array.from({ length: c.outChannels * 3 * c.kernel[0] * c.kernel[1] }, rand));
  const bias = b.initializer('b', [c.outChannels], Array.from({ length: c.outChannels }, rand));
  const y = b.op('Conv', [x, w, bias], { kernel_shape: c.kernel, strides: c.strides, pads: c.pads, ...extra });
  b.op('Relu', [y], {}, 'out');
  const outH = Math.floor((c.height + c.pads[0] + c.pads[2] - c.kernel[0]) / c.strides[0]) + 1;
  const outW = Math.floor((c.width + c.pads[1] + c.pads[3] - c.kernel[1]) / c.strides[1]) + 1;
  b.output('out', [batch, c.outChannels, outH, outW]);
  return readModel(writeModel(b.build()));
}

async function runOnce(model: ModelProto, feed: ort.Tensor): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(writeModel(model), { logSeverityLevel: 3 });
  try {
    return Object.values(await session.run({ image: feed }))[0].data as Float32Array;
  } finally {
    await session.release();
  }
}

/** The camera's interleaved pixels as the float model takes them: plane planeOf[k] holds camera channel k, scaled and shifted. */
function planesOf(pixels: Uint8Array, n: number, h: number, w: number, spec: PixelInputSpec): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < h * w; p++)
      for (let k = 0; k < 3; k++) {
        const c = spec.planeOf[k];
        out[(i * 3 + c) * h * w + p] = pixels[(i * h * w + p) * 3 + k] * spec.scale[c] + spec.bias[c];
      }
  return out;
}

function symbolicHeight(model: ModelProto): ModelProto {
  graphOf(model).input[0].type!.tensorType!.shape!.dim![2] = { dimParam: 'height' };
  return readModel(writeModel(model));
}

const pixelsFor = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => ((i + seed) * 2654435761) >>> 24);

describe('an image input rewritten to take interleaved 8-bit pixels through its first convolution', () => {
  it('given any stride, padding and kernel, channel order, scale and shift, when fed the pixels, then the output is the float model\'s on the scaled planes (relative 1e-5)', async () => {
    const conv = fc.record({
      height: fc.integer({ min: 3, max: 11 }),
      width: fc.integer({ min: 3, max: 11 }),
      kernel: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      strides: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      pads: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
      outChannels: fc.integer({ min: 1, max: 5 }),
      seed: fc.nat(),
    });
    const spec = fc.record({
      planeOf: fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 2, 0]),
      scale: fc.tuple(fc.constantFrom(1 / 255, 1 / 58.395, -1 / 128, 1), fc.constantFrom(1 / 255, 1 / 57.12), fc.constantFrom(1 / 255, 0.5)),
      bias: fc.constantFrom([0, 0, 0], [-0.485 / 0.229, -0.456 / 0.224, -0.406 / 0.225], [-1, 0, 1]),
    });
    await fc.assert(
      fc.asyncProperty(conv, spec, fc.integer({ min: 1, max: 2 }), async (c, s, n) => {
        const full = { input: 'image', planeOf: [...s.planeOf], scale: [...s.scale], bias: [...s.bias] };
        const rewritten = withPixelInput(convModel(c), full);
        if (typeof rewritten === 'string') throw new Error(rewritten);
        const pixels = pixelsFor(n * c.height * c.width * 3, c.seed);
        const fromPixels = await runOnce(rewritten, new ort.Tensor('uint8', pixels, [n, c.height, c.width, 3]));
        const fromFloats = await runOnce(convModel(c), new ort.Tensor('float32', planesOf(pixels, n, c.height, c.width, full), [n, 3, c.height, c.width]));
        expect(fromPixels.length).toBe(fromFloats.length);
        // Each output sums ≤ 27 terms of |w| ≤ 1 times |value| ≤ 255·scale + |bias| ≤ 258.
        fromFloats.forEach((v, i) => expect(Math.abs(fromPixels[i] - v)).toBeLessThan(1e-5 * 27 * 258));
      }),
      { numRuns: 40, seed: 20261129 },
    );
  });

  it('given the rewritten model, then the input is [N, H, W, C] uint8 under its own name, the Conv reads one row-image with a kernel C times as wide, and the old weights are gone', () => {
    const model = withPixelInput(convModel({ height: 8, width: 10, kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], outChannels: 4, seed: 1 }), { input: 'image', scale: [1 / 255, 1 / 255, 1 / 255], bias: [0, 0, 0], planeOf: [2, 1, 0] });
    if (typeof model === 'string') throw new Error(model);
    const graph = graphOf(model);
    const input = graph.input[0];
    expect(input.name).toBe('image');
    expect(input.type?.tensorType?.elemType).toBe(2); // UINT8
    expect(input.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 8, 10, 3]);
    expect(graph.node.map((n) => n.opType)).toEqual(['Reshape', 'Cast', 'Conv', 'Relu']);
    const conv = graph.node[2];
    const attr = (name: string) => conv.attribute?.find((a) => a.name === name)?.ints?.map(Number);
    expect([attr('kernel_shape'), attr('strides'), attr('pads')]).toEqual([[3, 9], [2, 6], [1, 3, 1, 3]]);
    expect(graph.initializer.some((t) => t.name === 'w')).toBe(false);
  });

  it('given models whose input is not read by one plain convolution, when asked, then each says why and the model is left as it was', () => {
    const base: ConvCase = { height: 6, width: 6, kernel: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], outChannels: 2, seed: 3 };
    const plain = { input: 'image', scale: [1, 1, 1], bias: [0, 0, 0], planeOf: [0, 1, 2] };
    const twoReaders = (() => {
      const b = new OnnxGraphBuilder({ name: 'two', opset: 11 });
      const x = b.input('image', [1, 3, 4, 4]);
      b.op('Relu', [x], {}, 'r');
      b.op('Sigmoid', [x], {}, 's');
      b.output('r', [1, 3, 4, 4]);
      b.output('s', [1, 3, 4, 4]);
      return readModel(writeModel(b.build()));
    })();
    const cases: [ModelProto, PixelInputSpec, RegExp][] = [
      [convModel(base, { group: 3 }), plain, /grouped/],
      [convModel(base, { dilations: [2, 2] }), plain, /dilated/],
      [convModel(base, { auto_pad: 'SAME_UPPER' }), plain, /auto_pad SAME_UPPER/],
      [twoReaders, plain, /not read by one Conv alone/],
      [symbolicHeight(convModel(base)), plain, /fixed height and width/],
      [convModel(base), { ...plain, planeOf: [0, 0, 2] }, /channel order/],
      [convModel(base), { ...plain, scale: [1, 0, 1] }, /non-zero/],
      [convModel(base), { ...plain, scale: [1], bias: [0], planeOf: [0] }, /not \[N, 1, H, W\]/],
    ];
    for (const [model, spec, why] of cases) {
      const before = writeModel(model);
      expect(withPixelInput(model, spec)).toMatch(why);
      expect(writeModel(model)).toEqual(before);
    }
  });

  it.skipIf(!checkerPython)(`given the rewritten model, when checked, then onnx.checker.check_model(full_check=True) accepts it${checkerPython ? '' : ' (skipped: no python3 with onnx)'}`, () => {
    const model = withPixelInput(convModel({ height: 8, width: 8, kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], outChannels: 4, seed: 2 }), { input: 'image', scale: [1 / 255, 1 / 255, 1 / 255], bias: [-0.5, -0.5, -0.5], planeOf: [2, 1, 0] });
    if (typeof model === 'string') throw new Error(model);
    const file = path.join(dir, 'pixels.onnx');
    writeFileSync(file, writeModel(model));
    expect(checkModels([file])).toBe(1);
  });

  it('given an IR 3 model, whose initializers are all listed as graph inputs too, when rewritten, then the listing follows the new and removed weights, the checker accepts it where it can run, and the output still matches', async () => {
    const c: ConvCase = { height: 5, width: 7, kernel: [3, 3], strides: [1, 2], pads: [1, 1, 1, 1], outChannels: 3, seed: 9 };
    const listed = (m: ModelProto) => {
      const g = graphOf(m);
      m.irVersion = 3;
      for (const t of g.initializer) g.input.push(onnx.ValueInfoProto.create({ name: t.name, type: { tensorType: { elemType: t.dataType, shape: { dim: t.dims.map((d) => ({ dimValue: d })) } } } }) as never);
      return readModel(writeModel(m));
    };
    const spec = { input: 'image', scale: [1 / 255, 1 / 255, 1 / 255], bias: [-0.5, 0, 0.5], planeOf: [2, 1, 0] };
    const model = withPixelInput(listed(convModel(c, {}, 1)), spec);
    if (typeof model === 'string') throw new Error(model);
    const graph = graphOf(model);
    expect(graph.input.map((i) => i.name).sort()).toEqual([...graph.initializer.map((t) => t.name), 'image'].sort());
    expect(graph.input.some((i) => i.name === 'w')).toBe(false);
    if (checkerPython) {
      const file = path.join(dir, 'pixels-ir3.onnx');
      writeFileSync(file, writeModel(model));
      expect(checkModels([file])).toBe(1);
    }
    const pixels = pixelsFor(c.height * c.width * 3, 1);
    const fromPixels = await runOnce(model, new ort.Tensor('uint8', pixels, [1, c.height, c.width, 3]));
    const fromFloats = await runOnce(convModel(c, {}, 1), new ort.Tensor('float32', planesOf(pixels, 1, c.height, c.width, spec), [1, 3, c.height, c.width]));
    fromFloats.forEach((v, i) => expect(Math.abs(fromPixels[i] - v)).toBeLessThan(1e-5 * 27 * 258));
  });

  const fastestdet = path.join(SHARED_MODELS, 'fastestdet/FastestDet.onnx');
  it.skipIf(!existsSync(fastestdet))(`given FastestDet, when it reads RGB pixels as BGR /255 through its stem, then its output matches the float model fed the BGR planes /255${existsSync(fastestdet) ? '' : ' (skipped: ../shared/models is absent)'}`, async () => {
    const bytes = new Uint8Array(readFileSync(fastestdet));
    const name = graphOf(readModel(bytes)).input[0].name!;
    const spec = { input: name, scale: [1 / 255, 1 / 255, 1 / 255], bias: [0, 0, 0], planeOf: [2, 1, 0] };
    const rewritten = withPixelInput(readModel(bytes), spec);
    if (typeof rewritten === 'string') throw new Error(rewritten);
    const pixels = pixelsFor(352 * 352 * 3, 7);
    const [a, b] = [await ort.InferenceSession.create(bytes), await ort.InferenceSession.create(writeModel(rewritten))];
    const floatOut = Object.values(await a.run({ [name]: new ort.Tensor('float32', planesOf(pixels, 1, 352, 352, spec), [1, 3, 352, 352]) }))[0].data as Float32Array;
    const pixelOut = Object.values(await b.run({ [name]: new ort.Tensor('uint8', pixels, [1, 352, 352, 3]) }))[0].data as Float32Array;
    await Promise.all([a.release(), b.release()]);
    expect(pixelOut.length).toBe(floatOut.length);
    let worst = 0;
    floatOut.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - pixelOut[i]))));
    expect(worst).toBeLessThan(1e-4);
  });
});
