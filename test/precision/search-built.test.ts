/**
 * Sensitivity and mixed-precision search on a built model with one deliberately sensitive layer
 * (conv_b, see search-fixtures.ts), scored on real PNG images of the task it solves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InputSpec } from '@/lib/precision/input-spec';
import { buildVariant } from '@/lib/precision/search/build-variant';
import { calibrateModel, type CalibratedModel } from '@/lib/precision/search/calibrated-model';
import { measureSensitivity } from '@/lib/precision/search/layer-sensitivity';
import { searchPrecision, type SearchRequest } from '@/lib/precision/search/search-precision';
import { weightRanking } from '@/lib/precision/search/weight-ranking';
import { onnx } from '@/lib/precision/onnx';
import { halvesImages, halvesModel, SIZE, unevenImages } from './search-fixtures';

const spec = InputSpec.parse({ width: SIZE, height: SIZE, channels: 'gray' });
const fast = { target: 'cpu' as const, measureSpeed: false, sensitivitySamples: 8 };

describe('mixed-precision search on a model with one sensitive layer', () => {
  let calib: string;
  let val: string;
  let cm: CalibratedModel;
  const model = halvesModel(['conv_b']);
  const request = (options: SearchRequest['options']): SearchRequest => ({ model, modelName: 'halves.onnx', calibFolder: calib, valFolder: val, spec, options });

  beforeAll(async () => {
    calib = await halvesImages(16, 1, true);
    val = await halvesImages(40, 2);
    cm = await calibrateModel({ model, calibFolder: calib, spec });
  }, 60_000);

  it('given the model, when units are listed, then its two convolutions and the Gemm are the decisions (Flatten follows)', () => {
    expect(cm.units.map((u) => u.opType)).toEqual(['Conv', 'Conv', 'Gemm']);
  });

  it('given one layer with an outlier weight, when sensitivity is measured and weights ranked, then that layer is the most sensitive by both', async () => {
    const measured = await measureSensitivity({ cm, spec, precision: 'int8', samples: 8 });
    const sensitive = cm.units[1].id;
    const byOutput = [...measured].sort((a, b) => a[1].sqnrDb - b[1].sqnrDb);
    expect(byOutput[0][0]).toBe(sensitive);
    expect(measured.get(sensitive)!.relativeL2).toBeGreaterThan(0.9);
    for (const [id, e] of measured) if (id !== sensitive) expect(e.sqnrDb).toBeGreaterThan(20);
    const weights = weightRanking(cm);
    const byWeight = [...weights].sort((a, b) => (a[1].weightSqnrDb ?? 200) - (b[1].weightSqnrDb ?? 200));
    expect(byWeight[0][0]).toBe(sensitive);
    expect(weights.get(sensitive)!.channelSpread).toBeGreaterThan(100);
  });

  it('given an assignment with one FP16 node, when the variant is built, then it decodes and holds QDQ and Cast nodes', () => {
    const [a, b, g] = cm.units.map((u) => u.id);
    const bytes = buildVariant(cm, new Map([[a, 'int8'], [b, 'fp16'], [g, 'int8']]));
    const ops = onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType);
    expect(ops).toContain('QuantizeLinear');
    expect(ops).toContain('Cast');
  });

  it('given a tight budget (1 point), when searched for speed on CPU, then the sensitive layer stays FP32 with a reason and the others are INT8', async () => {
    const r = await searchPrecision(request({ ...fast, budget: { points: 1 } }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const byOp = r.report.nodes.map((n) => n.precision);
    expect(byOp).toEqual(['int8', 'fp32', 'int8']);
    expect(r.report.ladder).toEqual(['int8', 'fp32']);
    const kept = r.report.nodes[1];
    expect(kept.sensitivityRank).toBe(1);
    expect(kept.reason).toMatch(/raised INT8→FP32 at step 1/);
    expect(kept.reason).toMatch(/undone/);
    expect(r.report.result.check.lostPoints).toBeLessThanOrEqual(1);
    expect(r.report.history[0].check.lostPoints).toBeGreaterThan(30);
    expect(r.report.budgetMet).toBe(true);
  });

  it('given a loose budget (60 points), when searched, then every layer is INT8, the sensitive one included, and only it loses points when quantized alone', async () => {
    const r = await searchPrecision(request({ ...fast, sensitivityOnVal: true, budget: { points: 60 } }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.nodes.map((n) => n.precision)).toEqual(['int8', 'int8', 'int8']);
    // Held-out sensitivity of each layer alone: only the outlier layer costs accuracy.
    expect(r.report.nodes.map((n) => n.alone!.lostPoints)).toEqual([0, 50, 0]);
    expect(r.report.history).toHaveLength(1);
  });

  it('given the size objective and a tight budget, when searched, then the sensitive layer gets FP16 (enough for it) instead of FP32', async () => {
    const r = await searchPrecision(request({ ...fast, objective: 'size', budget: { points: 1 } }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.ladder).toEqual(['int8', 'fp16', 'fp32']);
    expect(r.report.nodes.map((n) => n.precision)).toEqual(['int8', 'fp16', 'int8']);
    expect(r.report.result.bytes).toBeLessThan(r.report.reference.bytes);
  });

  it('given the CUDA target, when searched for speed, then the choice per node is FP16 or FP32 (INT8 is not native there) and FP16 suffices', async () => {
    const r = await searchPrecision(request({ ...fast, target: 'cuda', measureSpeed: true, budget: { points: 1 } }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.ladder).toEqual(['fp16', 'fp32']);
    expect(r.report.nodes.map((n) => n.precision)).toEqual(['fp16', 'fp16', 'fp16']);
    expect(r.report.notes[0]).toMatch(/INT8 skipped: The CUDA provider has no integer kernels/);
    expect(r.report.speed!.mixed.imagesPerSecond).toBeGreaterThan(0);
  }, 60_000);

  it('given anomaly limits on a classification set, when searched, then it is a clear bad-budget problem', async () => {
    const r = await searchPrecision(request({ ...fast, budget: { maxMissedPer1000: 5 } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].code).toBe('precision.bad-budget');
  });
});

describe('budget no variant meets', () => {
  it('given every layer sensitive and a 1-point budget, when searched, then precision.budget-unmet names the best found', async () => {
    const calib = await halvesImages(8, 3, true);
    const val = await halvesImages(20, 4);
    const r = await searchPrecision({ model: halvesModel(['conv_a', 'conv_b', 'gemm']), calibFolder: calib, valFolder: val, spec, options: { ...fast, budget: { points: 1 } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].code).toBe('precision.budget-unmet');
    expect(r.problems[0].message).toMatch(/no variant meets the budget \(at most 1 points lost\); best found: /);
  }, 60_000);
});

describe('anomaly budget in missed defects and false rejects per 1,000 parts', () => {
  it('given good/ and defect folders and at most 0 missed per 1,000, when searched, then the sensitive layer stays FP32 and the limits are judged at the FP32 threshold', async () => {
    const calib = await halvesImages(8, 9, true);
    const val = await unevenImages(40, 10);
    const r = await searchPrecision({ model: halvesModel(['conv_b']), calibFolder: calib, valFolder: val, spec, options: { ...fast, budget: { maxMissedPer1000: 0, maxFalseRejectsPer1000: 100 } } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.task).toBe('anomaly');
    expect(r.report.reference.quality.missedPer1000).toBe(0);
    expect(r.report.history[0].check.missedPer1000).toBe(1000);
    expect(r.report.nodes.map((n) => n.precision)).toEqual(['int8', 'fp32', 'int8']);
    expect(r.report.result.check).toMatchObject({ met: true, missedPer1000: 0 });
    expect(r.report.notes.join(' ')).toMatch(/every variant is scored at the FP32 model's threshold/);
  }, 60_000);
});
