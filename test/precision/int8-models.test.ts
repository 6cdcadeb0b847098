/**
 * INT8 (QDQ) on real third-party models: calibrated on a handful of images, the variant loads in
 * onnxruntime-node, stays close to FP32, is a fraction of the size, and ORT's optimiser fuses it
 * into integer kernels (read back from `optimizedModelFilePath`).
 *
 * Tolerances held (measured on held-out images, not the calibration ones):
 * - MNIST: top-1 agreement with FP32 on 40 rendered digits ≥ 39/40; logits cosine ≥ 0.99.
 * - UltraFace: cosine of scores and boxes vs FP32 ≥ 0.995 per image.
 * - FastestDet (per-channel weights): objectness map cosine ≥ 0.98, class scores ≥ 0.95, whole
 *   output ≥ 0.9 (box offsets are small raw regressions, the noisiest part), and the best cell
 *   is the same cell as FP32's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputSpec } from '@/lib/precision/input-spec';
import { optimisedOpTypes } from '@/lib/precision/quantize/optimised-op-types';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { argmax, cosine, runOnImages } from './int8-compare';
import { photoVariants, renderDigits, SHARED_MODELS } from './int8-fixtures';

const MNIST = join(SHARED_MODELS, 'mnist-8/mnist-8.onnx');
const ULTRAFACE = join(SHARED_MODELS, 'ultraface-rfb-320/ultraface_version-RFB-320.onnx');
const FASTESTDET = join(SHARED_MODELS, 'fastestdet/FastestDet.onnx');

describe.skipIf(!existsSync(MNIST))(`INT8 MNIST${!existsSync(MNIST) ? ' (skipped: ../shared/models/mnist-8 absent)' : ''}`, () => {
  it('given rendered digits for calibration, when quantized, then it agrees with FP32 on held-out digits and runs as QLinearConv + QGemm', async () => {
    const spec = InputSpec.parse({ width: 28, height: 28, channels: 'gray', scale: 1 });
    const calib = await renderDigits(20);
    const fp32 = new Uint8Array(readFileSync(MNIST));
    const r = await quantizeStatic({ model: fp32, calibFolder: calib.folder, spec });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const held = [...(await renderDigits(40, 1)).labels.keys()];
    const [a, b] = [await runOnImages(fp32, held, spec), await runOnImages(r.bytes, held, spec)];
    const agree = a.filter((o, i) => argmax(o[0]) === argmax(b[i][0])).length;
    expect(agree).toBeGreaterThanOrEqual(39);
    for (let i = 0; i < a.length; i++) expect(cosine(a[i][0], b[i][0])).toBeGreaterThan(0.99);
    const ops = await optimisedOpTypes(r.bytes);
    expect(ops.get('QLinearConv')).toBe(2);
    expect(ops.get('QGemm')).toBe(1);
    expect(ops.has('Conv')).toBe(false);
  });
});

describe.skipIf(!existsSync(ULTRAFACE))(`INT8 UltraFace${!existsSync(ULTRAFACE) ? ' (skipped: ../shared/models/ultraface-rfb-320 absent)' : ''}`, () => {
  it('given variants of its sample photo, when quantized (opset 9 → 10, BN folded), then outputs match FP32, file ≤ 0.27×, and every Conv is QLinearConv', async () => {
    const spec = InputSpec.parse({ width: 320, height: 240, channels: 'rgb', scale: 1, mean: 127, std: 128 });
    const photo = join(dirname(ULTRAFACE), 'sample.jpg');
    const calib = dirname((await photoVariants(photo, 6))[0]);
    const fp32 = new Uint8Array(readFileSync(ULTRAFACE));
    const r = await quantizeStatic({ model: fp32, calibFolder: calib, spec, options: { method: 'percentile', percentile: 99.999 } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.bytes.byteLength / fp32.byteLength).toBeLessThanOrEqual(0.27);
    const held = await photoVariants(photo, 3, 1);
    const [a, b] = [await runOnImages(fp32, held, spec), await runOnImages(r.bytes, held, spec)];
    for (let i = 0; i < held.length; i++) for (let j = 0; j < a[i].length; j++) expect(cosine(a[i][j], b[i][j])).toBeGreaterThan(0.995);
    const ops = await optimisedOpTypes(r.bytes);
    expect(ops.get('QLinearConv')).toBe(52);
    expect(ops.has('Conv')).toBe(false);
  });
});

describe.skipIf(!existsSync(FASTESTDET))(`INT8 FastestDet${!existsSync(FASTESTDET) ? ' (skipped: ../shared/models/fastestdet absent)' : ''}`, () => {
  it('given variants of its sample photo, when quantized per channel, then detections stay close to FP32 and all 70 Convs run as QLinearConv', async () => {
    const spec = InputSpec.parse({ width: 352, height: 352, channels: 'bgr', scale: 1 / 255 });
    const photo = join(dirname(FASTESTDET), 'sample.jpg');
    const calib = dirname((await photoVariants(photo, 6))[0]);
    const fp32 = new Uint8Array(readFileSync(FASTESTDET));
    const r = await quantizeStatic({ model: fp32, calibFolder: calib, spec, options: { perChannel: true } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    // Weights are 0.24× here; int32 biases and the graph's own structure add the rest (see report).
    expect(r.bytes.byteLength / fp32.byteLength).toBeLessThanOrEqual(0.36);
    const held = await photoVariants(photo, 3, 1);
    const [a, b] = [await runOnImages(fp32, held, spec), await runOnImages(r.bytes, held, spec)];
    const cells = 22 * 22;
    for (let i = 0; i < held.length; i++) {
      const [x, y] = [a[i][0], b[i][0]];
      expect(cosine(x.subarray(0, cells), y.subarray(0, cells))).toBeGreaterThan(0.98);
      expect(cosine(x.subarray(5 * cells), y.subarray(5 * cells))).toBeGreaterThan(0.95);
      expect(cosine(x, y)).toBeGreaterThan(0.9);
      expect(argmax(y.subarray(0, cells))).toBe(argmax(x.subarray(0, cells)));
    }
    const ops = await optimisedOpTypes(r.bytes);
    expect(ops.get('QLinearConv')).toBe(70);
    expect(ops.has('Conv')).toBe(false);
    expect(r.report.qdqDomain).toBe('com.microsoft'); // per-channel at opset 11
  });
});
