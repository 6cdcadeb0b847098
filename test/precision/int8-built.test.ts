/**
 * INT8 on a model built here (no shared files needed): fusion proof, options (per-channel,
 * symmetric int8 activations, exclusions), and the clear errors for bad input, through the
 * library and the `precision int8` command.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputSpec } from '@/lib/precision/input-spec';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { optimisedOpTypes } from '@/lib/precision/quantize/optimised-op-types';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { onnx } from '@/lib/precision/quantize/proto';
import { cpuHasVnni } from '@/lib/precision/targets/detect-cpu';
import { precisionInt8Command } from '@/workers/commands/precision-int8';
import { argmax, runOnImages } from './int8-compare';
import { renderDigits } from './int8-fixtures';

const spec = InputSpec.parse({ width: 28, height: 28, channels: 'gray', scale: 1 / 255 });

/** A small digit-shaped CNN with fixed pseudo-random weights: Conv → Relu → Conv → Relu → Flatten → Gemm. */
function tinyCnn(): Uint8Array {
  let s = 7;
  const rand = (n: number, k: number) => Array.from({ length: n }, () => (((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1) * k);
  const b = new OnnxGraphBuilder({ name: 'tiny-cnn' });
  const x = b.input('image', [1, 1, 28, 28]);
  const c1 = b.op('Conv', [x, b.initializer('w1', [8, 1, 3, 3], rand(72, 0.5)), b.initializer('b1', [8], rand(8, 0.1))], { strides: [2, 2] });
  const r1 = b.op('Relu', [c1]);
  const c2 = b.op('Conv', [r1, b.initializer('w2', [16, 8, 3, 3], rand(1152, 0.2)), b.initializer('b2', [16], rand(16, 0.1))], { strides: [2, 2] });
  const r2 = b.op('Relu', [c2]);
  const f = b.op('Flatten', [r2]);
  b.op('Gemm', [f, b.initializer('w3', [10, 576], rand(5760, 0.1)), b.initializer('b3', [10], rand(10, 0.1))], { transB: 1 }, 'logits');
  b.output('logits', [1, 10]);
  return onnx.ModelProto.encode(b.build()).finish();
}

const model = tinyCnn();

describe('INT8 on a built CNN', () => {
  it('given default options, when quantized, then ORT runs it as QLinearConv ×2 + QGemm and top-1 matches FP32', async () => {
    const calib = await renderDigits(10);
    const r = await quantizeStatic({ model, calibFolder: calib.folder, spec });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const ops = await optimisedOpTypes(r.bytes);
    expect([ops.get('QLinearConv'), ops.get('QGemm'), ops.has('Conv'), ops.has('Gemm')]).toEqual([2, 1, false, false]);
    const held = [...(await renderDigits(10, 2)).labels.keys()];
    const [a, q] = [await runOnImages(model, held, spec), await runOnImages(r.bytes, held, spec)];
    expect(a.filter((o, i) => argmax(o[0]) === argmax(q[i][0])).length).toBeGreaterThanOrEqual(9);
  });

  it('given each weight type, when quantized, then weights are stored as asked (uint8: the int8 values shifted around a zero point of 128), both fuse, and they compute the same logits', async () => {
    const calib = await renderDigits(6);
    const [s8, u8] = await Promise.all((['int8', 'uint8'] as const).map((weightType) => quantizeStatic({ model, calibFolder: calib.folder, spec, options: { weightType, perChannel: true } })));
    if (!s8.ok || !u8.ok) throw new Error('quantization failed');
    const weight = (bytes: Uint8Array) => (onnx.ModelProto.decode(bytes).graph?.initializer ?? []).find((t) => t.name === 'w2_q')!;
    const [w8, wu] = [weight(s8.bytes), weight(u8.bytes)];
    expect([w8.dataType, wu.dataType]).toEqual([onnx.TensorProto.DataType.INT8, onnx.TensorProto.DataType.UINT8]);
    expect(Array.from(wu.rawData!)).toEqual(Array.from(new Int8Array(w8.rawData!.buffer, w8.rawData!.byteOffset, w8.rawData!.length), (v) => v + 128));
    for (const bytes of [s8.bytes, u8.bytes]) expect((await optimisedOpTypes(bytes)).get('QLinearConv')).toBe(2);
    const held = [...(await renderDigits(10, 2)).labels.keys()];
    const [a, b] = [await runOnImages(s8.bytes, held, spec), await runOnImages(u8.bytes, held, spec)];
    // The same integers either way; only a kernel that saturates (u8×s8 without VNNI) could tell them apart.
    if (cpuHasVnni()) expect(b).toEqual(a);
    const fp32 = await runOnImages(model, held, spec);
    expect(fp32.filter((o, i) => argmax(o[0]) === argmax(b[i][0])).length).toBeGreaterThanOrEqual(9);
  });

  it('given per-channel weights and symmetric int8 activations, when quantized, then the Convs still fuse (standard DequantizeLinear axis at opset 17)', async () => {
    const calib = await renderDigits(6);
    const r = await quantizeStatic({ model, calibFolder: calib.folder, spec, options: { perChannel: true, activationType: 'int8', symmetricActivations: true, method: 'entropy' } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.qdqDomain).toBe('ai.onnx');
    expect((await optimisedOpTypes(r.bytes)).get('QLinearConv')).toBe(2);
  });

  it('given Gemm excluded, when quantized, then the Gemm stays float and only the Convs are integer', async () => {
    const calib = await renderDigits(6);
    const r = await quantizeStatic({ model, calibFolder: calib.folder, spec, options: { excludeOpTypes: ['Gemm'] } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const ops = await optimisedOpTypes(r.bytes);
    expect([ops.get('QLinearConv'), ops.has('QGemm'), ops.get('Gemm')]).toEqual([2, false, 1]);
  });
});

describe('INT8 bad input', () => {
  it('given an empty calibration folder, when quantizing, then precision.calib-empty says the folder has no images', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'loupe-empty-'));
    const r = await quantizeStatic({ model, calibFolder: empty, spec });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ code: 'precision.calib-empty', message: expect.stringContaining('has no images') });
  });

  it('given a missing calibration folder, when quantizing, then the problem says it does not exist', async () => {
    const r = await quantizeStatic({ model, calibFolder: '/nonexistent/calib', spec });
    expect(!r.ok && r.problems[0].message).toContain('does not exist');
  });

  it('given a corrupt image among good ones, when calibrating, then precision.calib-image names that file', async () => {
    const calib = await renderDigits(3);
    const bad = join(calib.folder, 'digit-zzz.png');
    await writeFile(bad, 'not a png');
    const r = await quantizeStatic({ model, calibFolder: calib.folder, spec });
    expect(!r.ok && r.problems[0]).toMatchObject({ code: 'precision.calib-image', message: expect.stringContaining(bad) });
  });

  it('given a spec whose size does not fit the model, when quantizing, then model.input-mismatch gives both shapes', async () => {
    const calib = await renderDigits(2);
    const r = await quantizeStatic({ model, calibFolder: calib.folder, spec: InputSpec.parse({ width: 32, height: 32, channels: 'rgb' }) });
    expect(!r.ok && r.problems[0]).toMatchObject({ code: 'model.input-mismatch', message: expect.stringContaining('1×28×28') });
  });

  it('given bytes that are not ONNX, when quantizing, then model.not-onnx', async () => {
    const calib = await renderDigits(2);
    const r = await quantizeStatic({ model: new TextEncoder().encode('hello, this is not a model'), calibFolder: calib.folder, spec });
    expect(!r.ok && r.problems[0].code).toBe('model.not-onnx');
  });
});

describe('loupe precision int8', () => {
  async function run(args: string[]) {
    const out: string[] = [];
    let code = -1;
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), exit: (c: number) => (code = c) };
    await precisionInt8Command(io).parseAsync(args, { from: 'user' });
    return { code, text: out.join('') };
  }

  it('given a model, digits and a spec file, when run with --json, then it writes the model and reports fused kernels', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-int8-cli-'));
    const calib = await renderDigits(4);
    await writeFile(join(dir, 'm.onnx'), model);
    await writeFile(join(dir, 'spec.json'), JSON.stringify({ width: 28, height: 28, channels: 'gray', scale: 1 / 255, mean: 0, std: 1, layout: 'nchw' }));
    const { code, text } = await run(['--in', join(dir, 'm.onnx'), '--out', join(dir, 'm.int8.onnx'), '--calib', calib.folder, '--input', join(dir, 'spec.json'), '--method', 'percentile', '--percentile', '99.99', '--per-channel', '--json']);
    expect(code).toBe(0);
    const line = JSON.parse(text);
    expect(line.ok).toBe(true);
    expect(line.report.fusedKernels).toMatchObject({ QLinearConv: 2, QGemm: 1 });
  });

  it('given a spec with an unknown channel order, when run, then precision.bad-input-spec names the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-int8-cli-'));
    await writeFile(join(dir, 'm.onnx'), model);
    await writeFile(join(dir, 'spec.json'), JSON.stringify({ width: 28, height: 28, channels: 'cmyk' }));
    const { code, text } = await run(['--in', join(dir, 'm.onnx'), '--out', join(dir, 'o.onnx'), '--calib', dir, '--input', join(dir, 'spec.json'), '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(text).problems[0]).toMatchObject({ code: 'precision.bad-input-spec', message: expect.stringContaining('channels') });
  });
});
