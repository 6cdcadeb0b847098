/**
 * Evaluation on real third-party data and models (skipped when ../shared is absent):
 * - KolektorSDD val (YOLO tree; empty label = good part) as an anomaly set, scored by the project's
 *   demo anomaly model and its FP16 variant. The demo model was fitted on synthetic surfaces, so its
 *   AUROC here is low; the test holds FP16 to FP32: AUROC within 0.01, agreement ≥ 0.95.
 * - FastestDet on variants of its sample photo, labelled with FP32's own detections (score ≥ 0.5):
 *   FP32 must score mAP@0.5 = 1 on them; INT8 (per-channel) ≥ 0.8 and FP16 ≥ 0.95 (both measured 1.0).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import { imageIntoTensor } from '@/lib/precision/calibrate/image-tensor';
import { decodeDetectorOutputs } from '@/lib/precision/evaluate/decode-outputs';
import { evaluateVariants } from '@/lib/precision/evaluate/evaluate-variants';
import { loadDataset } from '@/lib/precision/evaluate/load-dataset';
import { makeFp16Variant } from '@/lib/precision/fp16/make-variant';
import { InputSpec } from '@/lib/precision/input-spec';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { tempDir } from './eval-fixtures';
import { photoVariants, SHARED_MODELS } from './int8-fixtures';

const KOLEKTOR_VAL = resolve(process.cwd(), '../shared/datasets/kolektorsdd/images/val');
const DEMO = resolve(process.cwd(), 'models/demo/surface-anomaly.onnx');
const FASTESTDET = join(SHARED_MODELS, 'fastestdet/FastestDet.onnx');
const FAST = { minRuns: 3, minMs: 0 };

describe.skipIf(!existsSync(KOLEKTOR_VAL) || !existsSync(DEMO))(`eval on KolektorSDD${!existsSync(KOLEKTOR_VAL) || !existsSync(DEMO) ? ' (skipped: ../shared/datasets/kolektorsdd absent)' : ''}`, () => {
  it('given the YOLO tree asked for as anomaly, when the demo model and its FP16 variant are evaluated, then 69 good and 10 cracked parts are scored and FP16 matches FP32', async () => {
    const d = await loadDataset(KOLEKTOR_VAL, 'anomaly');
    expect(d.classes).toEqual(['good', 'defect']);
    expect([d.items.filter((i) => i.label === 0).length, d.items.filter((i) => i.label === 1).length]).toEqual([69, 10]);
    const dir = await tempDir();
    const fp32 = new Uint8Array(await readFile(DEMO));
    const fp16 = await makeFp16Variant(fp32, { keepIoTypes: true });
    if (!fp16.ok) throw new Error(JSON.stringify(fp16.problems));
    const models = [join(dir, 'demo.onnx'), join(dir, 'demo.fp16.onnx')];
    await writeFile(models[0], fp32);
    await writeFile(models[1], fp16.bytes);
    const spec = InputSpec.parse({ width: 256, height: 256, channels: 'gray' });
    const r = await evaluateVariants({ models, valFolder: KOLEKTOR_VAL, spec, options: { task: 'anomaly', batchSize: 2, speed: FAST, measureMemory: false } });
    const [a, h] = r.variants;
    expect(a.quality.auroc).toBeGreaterThan(0.5);
    expect(Math.abs(h.quality.auroc! - a.quality.auroc!)).toBeLessThan(0.01);
    expect(h.agreement).toBeGreaterThanOrEqual(0.95);
  }, 180_000);
});

describe.skipIf(!existsSync(FASTESTDET))(`eval of FastestDet variants${!existsSync(FASTESTDET) ? ' (skipped: ../shared/models/fastestdet absent)' : ''}`, () => {
  it("given photos labelled with FP32's own detections, when FP32, FP16 and INT8 are evaluated, then FP32 scores mAP 1 and the variants stay close", async () => {
    const spec = InputSpec.parse({ width: 352, height: 352, channels: 'bgr', scale: 1 / 255 });
    const photos = await photoVariants(join(dirname(FASTESTDET), 'sample.jpg'), 4, 2);
    const session = await createOrtEngine({ intraOpThreads: 1 }).load(FASTESTDET);
    const input = new Float32Array(3 * 352 * 352);
    let objects = 0;
    for (const p of photos) {
      await imageIntoTensor(p, spec, input, 0);
      const out = await session.run({ [session.inputNames[0]]: { dims: [1, 3, 352, 352], data: input } });
      const found = decodeDetectorOutputs(out, spec, { decoder: 'fastestdet', scoreThreshold: 0.5, iouThreshold: 0.45, maxDetections: 100, objectness: 'auto' });
      objects += found.length;
      const unit = (v: number) => Math.min(1, Math.max(0, v / 352));
      const lines = found.map((c) => [c.classId, unit(c.box[0] + c.box[2] / 2), unit(c.box[1] + c.box[3] / 2), unit(c.box[2]), unit(c.box[3])].join(' '));
      await writeFile(join(dirname(p), `${basename(p, extname(p))}.txt`), lines.join('\n'));
    }
    await session.release();
    expect(objects).toBeGreaterThan(0);
    const fp32 = new Uint8Array(await readFile(FASTESTDET));
    const int8 = await quantizeStatic({ model: fp32, calibFolder: dirname((await photoVariants(join(dirname(FASTESTDET), 'sample.jpg'), 4))[0]), spec, options: { perChannel: true } });
    if (!int8.ok) throw new Error(JSON.stringify(int8.problems));
    const fp16 = await makeFp16Variant(fp32, { keepIoTypes: true });
    if (!fp16.ok) throw new Error(JSON.stringify(fp16.problems));
    const dir = await tempDir();
    const models = [join(dir, 'fd.onnx'), join(dir, 'fd.fp16.onnx'), join(dir, 'fd.int8.onnx')];
    await writeFile(models[0], fp32);
    await writeFile(models[1], fp16.bytes);
    await writeFile(models[2], int8.bytes);
    const r = await evaluateVariants({ models, valFolder: dirname(photos[0]), spec, options: { quality: { decoder: 'fastestdet' }, batchSize: 1, speed: FAST, measureMemory: false } });
    expect(r.task).toBe('detection');
    const [a, h, q] = r.variants;
    expect(a.quality.map50).toBeCloseTo(1, 6);
    expect(h.quality.map50).toBeGreaterThanOrEqual(0.95);
    expect(q.quality.map50).toBeGreaterThanOrEqual(0.8);
    console.info(`FastestDet mAP@0.5 vs FP32 labels (${objects} objects): fp16 ${h.quality.map50}, int8 ${q.quality.map50}; agreement fp16 ${h.agreement}, int8 ${q.agreement}`);
  }, 300_000);
});
