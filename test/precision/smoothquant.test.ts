/**
 * SmoothQuant on a model built here with one activation outlier channel (Conv1's channel 3 is
 * 100× the others, the case per-tensor INT8 activations handle worst): smoothing alone keeps the
 * FP32 function (1e-5 relative), smoothing then INT8 is closer to FP32 than plain INT8, the
 * scales fold into the producing Conv where they can, and a bad α is a clear problem.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputSpec } from '@/lib/precision/input-spec';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { onnx } from '@/lib/precision/quantize/proto';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { outputsOf, relativeError, sampleBatches } from '@/lib/precision/smoothquant/output-error';
import { prepareSmoothing } from '@/lib/precision/smoothquant/prepare-smoothing';
import { smoothQuantize } from '@/lib/precision/smoothquant/smooth-quantize';
import { precisionInt8Command } from '@/workers/commands/precision-int8';

const spec = InputSpec.parse({ width: 16, height: 16, channels: 'rgb', scale: 1 / 255, mean: 0.5, std: 0.25 });

/** Conv(3→8) → Relu → Conv(8→16) → Relu → GlobalAveragePool → Flatten → Gemm(16→4); channel 3 of the first Conv is an outlier. */
function outlierCnn(): Uint8Array {
  let s = 11;
  const rand = (n: number, k: number) => Array.from({ length: n }, () => (((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1) * k);
  const w1 = rand(8 * 27, 0.3);
  for (let i = 3 * 27; i < 4 * 27; i++) w1[i] *= 100;
  const w2 = rand(16 * 72, 0.2);
  // The outlier channel is read with small weights (as in LLM activations): its range, not its weight, is the problem.
  for (let o = 0; o < 16; o++) for (let k = 0; k < 9; k++) w2[o * 72 + 3 * 9 + k] *= 0.02;
  const b = new OnnxGraphBuilder({ name: 'outlier-cnn', opset: 17 });
  const x = b.input('image', ['batch', 3, 16, 16]);
  const c1 = b.op('Conv', [x, b.initializer('w1', [8, 3, 3, 3], w1), b.initializer('b1', [8], rand(8, 0.1))], { pads: [1, 1, 1, 1] });
  const c2 = b.op('Conv', [b.op('Relu', [c1]), b.initializer('w2', [16, 8, 3, 3], w2), b.initializer('b2', [16], rand(16, 0.1))], { pads: [1, 1, 1, 1] });
  const g = b.op('Flatten', [b.op('GlobalAveragePool', [b.op('Relu', [c2])])]);
  b.op('Gemm', [g, b.initializer('w3', [4, 16], rand(64, 0.5)), b.initializer('b3', [4], rand(4, 0.1))], { transB: 1 }, 'logits');
  b.output('logits', ['batch', 4]);
  return onnx.ModelProto.encode(b.build()).finish();
}

/** Deterministic noise images: what the outlier channel sees is then spread over its whole range. */
async function noiseImages(count: number): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'loupe-noise-'));
  let s = 5;
  for (let k = 0; k < count; k++) {
    const px = Buffer.alloc(16 * 16 * 3);
    for (let i = 0; i < px.length; i++) px[i] = (s = (s * 1103515245 + 12345) % 2147483648) >> 23;
    await writeFile(join(folder, `noise-${String(k).padStart(2, '0')}.png`), await sharp(px, { raw: { width: 16, height: 16, channels: 3 } }).png().toBuffer());
  }
  return folder;
}

const model = outlierCnn();
let calib: string;
let held: string;

beforeAll(async () => {
  [calib, held] = [await noiseImages(24), await noiseImages(12)];
});

async function errorOnHeld(bytes: Uint8Array): Promise<number> {
  const samples = await sampleBatches((await import('node:fs')).readdirSync(held).map((f) => join(held, f)), spec, 'image', [4, 3, 16, 16]);
  return relativeError(await outputsOf(model, samples), await outputsOf(bytes, samples));
}

describe('SmoothQuant on a model with an activation outlier channel', () => {
  it('given α 0.5, when only smoothed (no quantization), then FP32 outputs match the original within 1e-5 relative and the scales fold into Conv1 and Conv2', async () => {
    const ready = await prepareSmoothing({ model, calibFolder: calib, spec }, { opTypes: ['Conv', 'Gemm', 'MatMul'] });
    if (!ready.ok) throw new Error(JSON.stringify(ready.problems));
    const { bytes, report } = ready.smoothedWith(0.5);
    expect(await errorOnHeld(bytes)).toBeLessThan(1e-10);
    // Conv2's input folds into Conv1 (through Relu); the Gemm's into Conv2 (through pool, Flatten); the 3-channel image needs a Mul.
    expect(report.smoothed.map((x) => [x.foldedInto !== undefined, x.insertedMul !== undefined])).toEqual([[false, true], [true, false], [true, false]]);
  });

  it('given α 0.5, when quantized to INT8, then outputs are at least 10× closer to FP32 than plain INT8', async () => {
    const plain = await quantizeStatic({ model, calibFolder: calib, spec, options: { perChannel: true } });
    const smooth = await smoothQuantize({ model, calibFolder: calib, spec, options: { perChannel: true }, smooth: { alpha: 0.5 } });
    if (!plain.ok || !smooth.ok) throw new Error('quantization failed');
    const [e0, e1] = [await errorOnHeld(plain.bytes), await errorOnHeld(smooth.bytes)];
    // Measured: plain ≈ 7e-3, smoothed ≈ 5e-6 relative squared error; a 10× margin is held.
    expect(e1).toBeLessThan(e0 / 10);
  });

  it('given α auto, when quantized, then the search scores plain INT8 and every α of the grid and keeps the least error', async () => {
    const r = await smoothQuantize({ model, calibFolder: calib, spec, options: { perChannel: true }, smooth: { alpha: 'auto', grid: [0.3, 0.5, 0.7] } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const search = r.report.smoothQuant.search!;
    expect(search.map((x) => x.alpha)).toEqual([null, 0.3, 0.5, 0.7]);
    const best = search.reduce((a, x) => (x.error < a.error ? x : a));
    expect(r.report.smoothQuant.alpha).toBe(best.alpha);
    expect(best.alpha).not.toBeNull();
  });
});

describe('SmoothQuant on MatMul readers', () => {
  it('given Flatten → Mul(γ) → Add(β) → MatMul → Relu → MatMul, when smoothed with α 0.8, then FP32 outputs are unchanged, the first MatMul folds into γ (and β) and the second into the first', async () => {
    let s = 3;
    const rand = (n: number, k: number) => Array.from({ length: n }, () => (((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1) * k);
    const b = new OnnxGraphBuilder({ name: 'mlp', opset: 17 });
    const f = b.op('Flatten', [b.input('image', ['batch', 1, 4, 4])]);
    // A decomposed LayerNorm's affine part: one γ and one β per channel, channel 5 an outlier.
    const gamma = rand(16, 1).map((v, i) => (i === 5 ? 30 : 1 + v * 0.5));
    const n = b.op('Add', [b.op('Mul', [f, b.initializer('gamma', [16], gamma)]), b.initializer('beta', [16], rand(16, 0.2))]);
    const h = b.op('Relu', [b.op('MatMul', [n, b.initializer('m1', [16, 8], rand(128, 1))])]);
    b.op('MatMul', [h, b.initializer('m2', [8, 3], rand(24, 1))], {}, 'scores');
    b.output('scores', ['batch', 3]);
    const mlp = onnx.ModelProto.encode(b.build()).finish();
    const gray = InputSpec.parse({ width: 4, height: 4, channels: 'gray' });
    const ready = await prepareSmoothing({ model: mlp, calibFolder: calib, spec: gray }, { opTypes: ['Conv', 'Gemm', 'MatMul'] });
    if (!ready.ok) throw new Error(JSON.stringify(ready.problems));
    const { bytes, report } = ready.smoothedWith(0.8);
    const files = (await import('node:fs')).readdirSync(held).map((x) => join(held, x));
    const samples = await sampleBatches(files, gray, 'image', [4, 1, 4, 4]);
    expect(relativeError(await outputsOf(mlp, samples), await outputsOf(bytes, samples))).toBeLessThan(1e-10);
    expect(report.smoothed.map((x) => x.foldedInto?.split('_')[0])).toEqual(['Mul', 'MatMul']);
  });
});

describe('loupe precision int8 --smoothquant', () => {
  it('given --smoothquant 0.5 --json, when run, then it writes a model whose report gives α, the smoothed activations and fused QLinearConvs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-sq-cli-'));
    await writeFile(join(dir, 'm.onnx'), model);
    await writeFile(join(dir, 'spec.json'), JSON.stringify(spec));
    const out: string[] = [];
    let code = -1;
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s), exit: (c: number) => void (code = c) };
    await precisionInt8Command(io).parseAsync(['--in', join(dir, 'm.onnx'), '--out', join(dir, 'q.onnx'), '--calib', calib, '--input', join(dir, 'spec.json'), '--per-channel', '--smoothquant', '0.5', '--json'], { from: 'user' });
    expect(code).toBe(0);
    const { report } = JSON.parse(out.join(''));
    expect(report.smoothQuant).toMatchObject({ alpha: 0.5, smoothed: expect.arrayContaining([expect.objectContaining({ foldedInto: expect.any(String) })]) });
    expect(report.fusedKernels).toMatchObject({ QLinearConv: 2, QGemm: 1 });
  });
});

describe('SmoothQuant bad input', () => {
  it('given α 1.5, when smoothing, then precision.bad-smoothquant says α is a number from 0 to 1 or "auto"', async () => {
    const r = await smoothQuantize({ model, calibFolder: calib, spec, smooth: { alpha: 1.5 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ code: 'precision.bad-smoothquant', message: expect.stringContaining('from 0 to 1') });
  });

  it('given --smoothquant abc, when the CLI runs, then it exits 1 with precision.bad-smoothquant naming the value', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-sq-cli-'));
    await writeFile(join(dir, 'm.onnx'), model);
    await writeFile(join(dir, 'spec.json'), JSON.stringify(spec));
    const out: string[] = [];
    let code = -1;
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s), exit: (c: number) => void (code = c) };
    await precisionInt8Command(io).parseAsync(['--in', join(dir, 'm.onnx'), '--out', join(dir, 'q.onnx'), '--calib', calib, '--input', join(dir, 'spec.json'), '--smoothquant', 'abc', '--json'], { from: 'user' });
    expect(code).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, problems: [{ code: 'precision.bad-smoothquant', message: expect.stringContaining('"abc"') }] });
  });
});
