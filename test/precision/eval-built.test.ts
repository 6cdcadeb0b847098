/**
 * Evaluation of anomaly and detection models built by code (real ONNX, run by ONNX Runtime) on
 * tiny labelled folders whose expected metrics are worked out by hand, and the `precision eval` CLI.
 */
import { readFileSync, existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProblemError } from '@/lib/pipeline/problems';
import { evaluateVariants } from '@/lib/precision/evaluate/evaluate-variants';
import { EvalReport, evalReportPath } from '@/lib/precision/evaluate/report-schema';
import { makeFp16Variant } from '@/lib/precision/fp16/make-variant';
import { InputSpec } from '@/lib/precision/input-spec';
import { runCli } from '@/workers/cli-program';
import { pngHeaderOnly } from '../images/png-bytes';
import { tempDir, writePng } from './eval-fixtures';
import { anomalyModel, detectorModel } from './eval-models';

const FAST = { minRuns: 5, minMs: 0 };
const gray16 = InputSpec.parse({ width: 16, height: 16, channels: 'gray' });
const rgb32 = InputSpec.parse({ width: 32, height: 32, channels: 'rgb' });

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['precision', 'eval', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), exit: () => undefined });
  return { code, out: out.join(''), err: err.join('') };
}

describe('eval: anomaly model', () => {
  let dir: string;
  let val: string;
  let models: string[];
  let specFile: string;

  beforeAll(async () => {
    dir = await tempDir();
    val = join(dir, 'val');
    for (const d of ['good', 'scratch', 'faint']) await mkdir(join(val, d), { recursive: true });
    // Scores (max of the 3×3 mean map): good = level/255; scratch = 250/255; faint = 45/255.
    for (const level of [20, 30, 40, 50, 60]) await writePng(join(val, 'good', `g${level}.png`), { level });
    await writePng(join(val, 'scratch', 'd1.png'), { level: 40, spot: 3 });
    await writePng(join(val, 'scratch', 'd2.png'), { level: 60, spot: 3 });
    await writePng(join(val, 'faint', 'd3.png'), { level: 20, spot: 3, spotLevel: 45 });
    const fp16 = await makeFp16Variant(anomalyModel(), { keepIoTypes: true });
    if (!fp16.ok) throw new Error(JSON.stringify(fp16.problems));
    models = [join(dir, 'mean3.onnx'), join(dir, 'mean3.fp16.onnx')];
    await writeFile(models[0], anomalyModel());
    await writeFile(models[1], fp16.bytes);
    specFile = join(dir, 'spec.json');
    await writeFile(specFile, JSON.stringify({ width: 16, height: 16, channels: 'gray' }));
  });

  it('given 5 good parts and 3 defects (one faint), when evaluated without a threshold, then AUROC is 13/15 and the faint one is missed at ≤ 1% false rejects', async () => {
    const r = await evaluateVariants({ models, valFolder: val, spec: gray16, options: { batchSize: 4, speed: FAST, measureMemory: false } });
    expect(r).toMatchObject({ task: 'anomaly', items: 8 });
    const [a, h] = r.variants;
    // defects 250, 250, 45 vs goods 20..60: the faint one beats 3 of 5 goods → (5 + 5 + 3) / 15.
    expect(a.quality.auroc).toBeCloseTo(13 / 15, 12);
    expect(a.quality.threshold).toBeCloseTo(60 / 255, 5);
    expect(a.quality.thresholdChosenOnData).toBe(true);
    expect(a.quality.missedPer1000).toBeCloseTo(1000 / 3, 9);
    expect(a.quality.falseRejectsPer1000).toBe(0);
    expect(a.quality.perClassRecall).toEqual({ good: 1, faint: 0, scratch: 1 });
    expect(h).toMatchObject({ precision: 'fp16', agreement: 1 });
    expect(h.quality.auroc).toBeCloseTo(13 / 15, 12);
    // Symbolic batch: batch 4 was really measured.
    expect(a.throughput.batchSize).toBe(4);
    expect(r.notes!.join('\n')).toMatch(/threshold 0\.235294 chosen on this dataset/);
  });

  it('given --threshold 0.05 on the CLI with --json --save, when run, then every part fails, one JSON line is printed and saved beside the first model', async () => {
    const r = await cli(['--model', models[0], '--model', models[1], '--val', val, '--input', specFile, '--threshold', '0.05', '--batch', '2', '--no-memory', '--save', '--json']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = EvalReport.parse(JSON.parse(lines[0]));
    expect(report.variants[0].quality).toMatchObject({ threshold: 0.05, thresholdChosenOnData: false, missedPer1000: 0, falseRejectsPer1000: 1000 });
    const saved = evalReportPath(models[0]);
    expect(saved).toBe(join(dir, 'mean3.eval.json'));
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(report);
  });

  it('given LOUPE_PROGRESS=jsonl (the Precision Lab runner), when run with --json, then stderr carries one progress line per image and step', async () => {
    process.env.LOUPE_PROGRESS = 'jsonl';
    try {
      const r = await cli(['--model', models[0], '--val', val, '--input', specFile, '--batch', '1', '--no-memory', '--json']);
      expect(r.code).toBe(0);
      const lines = r.err.trim().split('\n').map((l) => JSON.parse(l).progress);
      expect(lines[0]).toEqual({ phase: 'quality mean3.onnx (1/1)', done: 1, total: 8 });
      expect(lines.map((l) => l.phase)).toContain('speed mean3.onnx (1/1)');
      expect(lines.filter((l) => l.phase.startsWith('quality'))).toHaveLength(8);
    } finally {
      delete process.env.LOUPE_PROGRESS;
    }
  });

  it('given no --json, when run, then a table with missed/false-reject/AUROC columns and the FP16 warning is printed', async () => {
    const r = await cli(['--model', models[0], '--model', models[1], '--val', val, '--input', specFile, '--target', 'cpu', '--no-memory']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^anomaly on .* \(8 items\), target cpu\n/);
    expect(r.out).toMatch(/mean3\.fp16\.onnx\s+fp16\s+missed 333‰ FR 0\.0‰ AUROC 0\.867/);
    expect(r.out).toMatch(/warning: mean3\.fp16\.onnx: FP16 on CPU .* computes in FP32/);
  });

  it('given bad flags or files, when run, then each gets its specific Problem (or usage exit 2)', async () => {
    expect((await cli(['--model', models[0], '--val', val, '--input', specFile, '--batch', '0', '--json'])).out).toMatch(/"code":"run.bad-options".*--batch must be a whole number/);
    const badSpec = join(dir, 'bad-spec.json');
    await writeFile(badSpec, JSON.stringify({ width: 16, height: 16, channels: 'cmyk' }));
    const r = await cli(['--model', models[0], '--val', val, '--input', badSpec, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).problems[0]).toMatchObject({ code: 'precision.bad-input-spec', path: ['channels'] });
    const empty = await tempDir();
    expect((await cli(['--model', models[0], '--val', empty, '--input', specFile])).err).toMatch(/^precision.dataset-empty: Dataset folder .* has no images/);
    expect((await cli(['--model', models[0], '--val', val, '--input', specFile, '--target', 'tpu'])).code).toBe(2);
    expect((await cli(['--val', val, '--input', specFile])).code).toBe(2);
  });

  it('given an FP16 variant with float16 input and output, when evaluated with peak memory, then it is fed and measured like the FP32 one', async () => {
    const half = await makeFp16Variant(anomalyModel(), { keepIoTypes: false });
    if (!half.ok) throw new Error(JSON.stringify(half.problems));
    const path = join(dir, 'mean3-halfio.fp16.onnx');
    await writeFile(path, half.bytes);
    const r = await evaluateVariants({ models: [models[0], path], valFolder: val, spec: gray16, options: { batchSize: 2, speed: FAST } });
    const [a, h] = r.variants;
    expect(h).toMatchObject({ precision: 'fp16', agreement: 1 });
    expect(h.quality.auroc).toBeCloseTo(a.quality.auroc!, 12);
    // The child fed a float16 tensor without failing; a 16×16 model may cost less than a page more.
    for (const v of r.variants) expect(v.peakMemoryMb).toBeGreaterThanOrEqual(0);
  });

  it('given a 30000×30000 PNG among the good parts, when evaluated, then precision.dataset-image names it instead of decoding 900 MP', async () => {
    const huge = join(val, 'good', 'zz-huge.png');
    await writeFile(huge, pngHeaderOnly(30000, 30000));
    try {
      const err = (await evaluateVariants({ models: [models[0]], valFolder: val, spec: gray16, options: { measureMemory: false } }).catch((e: unknown) => e)) as ProblemError;
      expect(err.problems[0]).toMatchObject({ code: 'precision.dataset-image', path: [huge] });
      expect(err.problems[0].message).toMatch(/pixel limit/i);
    } finally {
      await rm(huge);
    }
  });

  it('given a spec of RGB for this gray model, when evaluated, then model.input-mismatch says the channels differ', async () => {
    const err = (await evaluateVariants({ models, valFolder: val, spec: InputSpec.parse({ width: 16, height: 16, channels: 'rgb' }) }).catch((e: unknown) => e)) as ProblemError;
    expect(err.problems.map((p) => p.code)).toEqual(['model.input-mismatch', 'model.input-mismatch']);
    expect(err.problems[0].message).toContain('expects C×H×W = 1×16×16 but the input spec gives 3×16×16');
  });
});

describe('eval: detection model', () => {
  let val: string;
  let model: string;

  beforeAll(async () => {
    const dir = await tempDir();
    val = join(dir, 'val');
    await mkdir(val);
    // a: dark, objects of class 0 (top-left) and 1 (bottom-right); b: bright, class 0 only.
    await writePng(join(val, 'a.png'), { size: 32, level: 50, channels: 3 });
    await writeFile(join(val, 'a.txt'), '0 0.25 0.25 0.25 0.25\n1 0.75 0.75 0.25 0.25\n');
    await writePng(join(val, 'b.png'), { size: 32, level: 200, channels: 3 });
    await writeFile(join(val, 'b.txt'), '0 0.25 0.25 0.25 0.25\n');
    model = join(dir, 'rows.onnx');
    await writeFile(model, detectorModel());
  });

  it('given fixed detections and known boxes, when evaluated, then mAP@0.5 is (1 + 0.5) / 2', async () => {
    // class 0: the 0.9 box hits both truths first, the 0.8 boxes are false → AP 1.
    // class 1: b's box (0.5 + 0.2·200/255 ≈ 0.657) is false and ranks above a's true one (≈ 0.539) → AP 0.5.
    const r = await evaluateVariants({ models: [model], valFolder: val, spec: rgb32, options: { batchSize: 2, speed: FAST, measureMemory: false } });
    expect(r).toMatchObject({ task: 'detection', items: 2 });
    expect(r.variants[0].quality.map50).toBeCloseTo(0.75, 12);
    expect(r.variants[0].quality.perClassAp50).toEqual({ class0: 1, class1: 0.5 });
    expect(r.variants[0].agreement).toBe(1);
  });

  it('given an SSD decoder for a YOLO-rows model, when evaluated, then precision.eval-mismatch says the outputs do not fit', async () => {
    const err = (await evaluateVariants({ models: [model], valFolder: val, spec: rgb32, options: { quality: { decoder: 'ssd' }, measureMemory: false } }).catch((e: unknown) => e)) as ProblemError;
    expect(err.problems[0].code).toBe('precision.eval-mismatch');
    expect(err.problems[0].message).toMatch(/does not fit the ssd detector decoder/);
  });

  it('given the eval report path of a variant, when asked, then the precision suffix is dropped', () => {
    expect(evalReportPath('/m/rows.int8.onnx')).toBe('/m/rows.eval.json');
    expect(existsSync(val)).toBe(true);
  });
});
