/**
 * Evaluation on the real MNIST model (../shared/models/mnist-8) and its FP16 and INT8 variants,
 * made in the test by the project's own converters, on rendered digits sorted into class folders.
 * Tolerances held: FP32 top-1 ≥ 0.8 on these digits; FP16 agrees with FP32 on ≥ 98% of items,
 * INT8 on ≥ 95%; both within 5 points of FP32's accuracy.
 */
import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import { ProblemError } from '@/lib/pipeline/problems';
import { evaluateVariants } from '@/lib/precision/evaluate/evaluate-variants';
import { loadDataset } from '@/lib/precision/evaluate/load-dataset';
import { measureQuality } from '@/lib/precision/evaluate/measure-quality';
import { EvalReport } from '@/lib/precision/evaluate/report-schema';
import { makeFp16Variant } from '@/lib/precision/fp16/make-variant';
import { InputSpec } from '@/lib/precision/input-spec';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { digitDataset, tempDir } from './eval-fixtures';
import { renderDigits, SHARED_MODELS } from './int8-fixtures';

const MNIST = join(SHARED_MODELS, 'mnist-8/mnist-8.onnx');
const spec = InputSpec.parse({ width: 28, height: 28, channels: 'gray', scale: 1 });
const FAST = { minRuns: 5, minMs: 0 };

describe.skipIf(!existsSync(MNIST))(`eval on MNIST${!existsSync(MNIST) ? ' (skipped: ../shared/models/mnist-8 absent)' : ''}`, () => {
  let dir: string;
  let val: string;
  const models: string[] = [];

  beforeAll(async () => {
    dir = await tempDir('loupe-eval-mnist-');
    val = await digitDataset(60);
    const fp32 = new Uint8Array(await readFile(MNIST));
    const fp16 = await makeFp16Variant(fp32, { keepIoTypes: true });
    if (!fp16.ok) throw new Error(JSON.stringify(fp16.problems));
    const int8 = await quantizeStatic({ model: fp32, calibFolder: (await renderDigits(20)).folder, spec });
    if (!int8.ok) throw new Error(JSON.stringify(int8.problems));
    models.push(join(dir, 'mnist.onnx'), join(dir, 'mnist.fp16.onnx'), join(dir, 'mnist.int8.onnx'));
    await copyFile(MNIST, models[0]);
    await writeFile(models[1], fp16.bytes);
    await writeFile(models[2], int8.bytes);
  }, 120_000);

  it('given a digits folder and an FP32 session, when quality is measured, then accuracy, per-class recall and one decision per item come back', async () => {
    const dataset = await loadDataset(val);
    const session = await createOrtEngine({ intraOpThreads: 1 }).load(models[0]);
    const r = await measureQuality(session, dataset, spec);
    await session.release();
    expect(r.decisions).toHaveLength(60);
    expect(r.quality.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(Object.keys(r.quality.perClassRecall!).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('given only the 3 and 7 folders, when measured, then classes map to model outputs by number; letters for 10 outputs are a clear mismatch', async () => {
    const full = await loadDataset(val);
    const subset = { ...full, classes: ['3', '7'], items: full.items.filter((i) => [3, 7].includes(i.label!)).map((i) => ({ ...i, label: i.label === 3 ? 0 : 1 })) };
    const session = await createOrtEngine({ intraOpThreads: 1 }).load(models[0]);
    try {
      const r = await measureQuality(session, subset, spec);
      expect(Object.keys(r.quality.perClassRecall!)).toEqual(['3', '7']);
      expect(r.decisions.every((d) => typeof d === 'number' && d >= 0 && d < 10)).toBe(true);
      const letters = { ...subset, classes: ['a', 'b'] };
      const err = (await measureQuality(session, letters, spec).catch((e: unknown) => e)) as ProblemError;
      expect(err.problems[0].code).toBe('precision.eval-mismatch');
      expect(err.problems[0].message).toMatch(/gives 10 class scores but the dataset has 2 classes \(a, b\)/);
    } finally {
      await session.release();
    }
  });

  it('given FP32, FP16 and INT8 variants, when evaluated, then each is measured, recognised by precision and close to FP32', async () => {
    const report = await evaluateVariants({ models, valFolder: val, spec, options: { target: 'cpu', batchSize: 4, speed: FAST, intraOpThreads: 1 } });
    expect(EvalReport.parse(report)).toEqual(report);
    expect(report).toMatchObject({ task: 'classification', items: 60, target: 'cpu' });
    const [a, h, q] = report.variants;
    expect(report.variants.map((v) => [v.path, v.precision])).toEqual([['mnist.onnx', 'fp32'], ['mnist.fp16.onnx', 'fp16'], ['mnist.int8.onnx', 'int8']]);
    expect(a.agreement).toBe(1);
    expect(h.agreement).toBeGreaterThanOrEqual(0.98);
    expect(q.agreement).toBeGreaterThanOrEqual(0.95);
    for (const v of [h, q]) expect(Math.abs(v.quality.accuracy! - a.quality.accuracy!)).toBeLessThanOrEqual(0.05);
    expect(q.bytes).toBeLessThan(a.bytes);
    expect(h.warnings.join(' ')).toMatch(/FP16 on CPU computes in FP32/);
    // mnist-8 fixes its batch at 1: batch 4 is reported as batch 1, and said so.
    expect(a.warnings.join(' ')).toMatch(/fixes its batch dimension at 1/);
    expect(a.throughput).toMatchObject({ batchSize: 1, batchN: a.throughput.batch1 });
    for (const v of report.variants) {
      expect(v.latencyMs.p99).toBeGreaterThanOrEqual(v.latencyMs.p50);
      expect(v.throughput.batch1).toBeGreaterThan(0);
      expect(v.peakMemoryMb).toBeGreaterThan(0);
    }
    expect(report.notes?.join(' ')).toMatch(/maxRSS/);
  }, 120_000);

  it('given a spec for RGB 32×32, when evaluated, then model.input-mismatch names both shapes before anything runs', async () => {
    const wrong = InputSpec.parse({ width: 32, height: 32, channels: 'rgb' });
    const err = await evaluateVariants({ models: [models[0]], valFolder: val, spec: wrong, options: { measureMemory: false } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    const p = (err as ProblemError).problems[0];
    expect(p.code).toBe('model.input-mismatch');
    expect(p.message).toContain('expects C×H×W = 1×28×28 but the input spec gives 3×32×32');
  });

  it('given an unreadable image among the digits, when evaluated, then precision.dataset-image names that file', async () => {
    const bad = join(val, '7', 'zz-broken.png');
    await writeFile(bad, 'not a png at all');
    try {
      const err = await evaluateVariants({ models: [models[0]], valFolder: val, spec, options: { measureMemory: false, speed: FAST } }).catch((e: unknown) => e);
      expect((err as ProblemError).problems[0]).toMatchObject({ code: 'precision.dataset-image', path: [bad] });
      expect((err as ProblemError).problems[0].message).toMatch(new RegExp(`^Dataset image ${bad} cannot be used: `));
    } finally {
      await (await import('node:fs/promises')).rm(bad);
    }
  });

  it('given a model that is not ONNX and a missing one, when evaluated, then both are reported together', async () => {
    const junk = join(dir, 'junk.onnx');
    await writeFile(junk, 'hello');
    const err = (await evaluateVariants({ models: [models[0], junk, join(dir, 'nope.onnx')], valFolder: val, spec }).catch((e: unknown) => e)) as ProblemError;
    expect(err.problems.map((p) => p.code)).toEqual(['model.not-onnx', 'model.missing-file']);
  });
});
