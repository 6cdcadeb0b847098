/** Evaluation metrics against values worked out by hand on small known inputs. */
import { describe, expect, it } from 'vitest';
import { anomalyRates, thresholdForFalseRejects } from '@/lib/precision/evaluate/metrics/anomaly-threshold';
import { auroc } from '@/lib/precision/evaluate/metrics/auroc';
import { averagePrecision, meanAveragePrecision } from '@/lib/precision/evaluate/metrics/average-precision';
import { classificationMetrics } from '@/lib/precision/evaluate/metrics/classification';
import { percentile } from '@/lib/precision/evaluate/measure-speed';

describe('AUROC', () => {
  it('given 2 good and 2 defective scores, when one good outranks one defect, then AUROC is 3/4', () => {
    // pairs (defect > good): 0.35>0.1 yes, 0.35>0.4 no, 0.8>0.1 yes, 0.8>0.4 yes → 3 of 4.
    expect(auroc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });
  it('given tied scores, when ranked, then each tie counts one half', () => {
    expect(auroc([0.5, 0.5, 0.2, 0.9], [false, true, false, true])).toBe(0.875); // 1 + 0.5 + 1 + 1 of 4 pairs
  });
  it('given only good parts, when asked, then AUROC is undefined rather than 0.5', () => {
    expect(auroc([0.1, 0.2], [false, false])).toBeUndefined();
  });
});

describe('anomaly threshold at a false-reject budget', () => {
  it('given 100 good scores 1..100 and a 1% budget, when chosen, then the threshold is 99 and one good part in 100 is rejected', () => {
    const good = Array.from({ length: 100 }, (_, i) => i + 1);
    const t = thresholdForFalseRejects(good, 0.01);
    expect(t).toBe(99);
    const defects = [50, 99, 100.5, 120];
    const rates = anomalyRates([...good, ...defects], [...good.map(() => false), ...defects.map(() => true)], t);
    expect(rates.falseRejectsPer1000).toBe(10);
    expect(rates.missedPer1000).toBe(500); // 50 and 99 are not above 99
  });
  it('given 10 good parts and a 1% budget, when chosen, then no good part may be rejected (threshold = max good)', () => {
    expect(thresholdForFalseRejects([3, 1, 2, 9, 4, 5, 6, 7, 8, 0], 0.01)).toBe(9);
  });
});

describe('mAP@0.5, VOC all-point', () => {
  it('given a PR curve, when integrated, then the area uses the monotone envelope', () => {
    // recall .5,.5,1,1 with precision 1,.5,2/3,.5 → 0.5·1 + 0.5·2/3 = 5/6.
    expect(averagePrecision([0.5, 0.5, 1, 1], [1, 0.5, 2 / 3, 0.5])).toBeCloseTo(5 / 6, 12);
  });
  it('given two images with one box each, a miss, a hit and a duplicate, when scored, then class AP is 5/6 and an undetected class adds AP 0', () => {
    const A: [number, number, number, number] = [0, 0, 10, 10];
    const B: [number, number, number, number] = [20, 20, 10, 10];
    const truths = [
      [{ box: A, classId: 0 }, { box: B, classId: 1 }],
      [{ box: B, classId: 0 }],
    ];
    const detections = [
      [
        { box: [1, 1, 10, 10] as typeof A, classId: 0, score: 0.9 }, // IoU 81/119 ≈ 0.68: TP
        { box: [50, 50, 5, 5] as typeof A, classId: 0, score: 0.8 }, // FP
        { box: [0, 0, 10, 10] as typeof A, classId: 0, score: 0.6 }, // duplicate of A: FP
      ],
      [{ box: [20, 22, 10, 10] as typeof A, classId: 0, score: 0.7 }], // IoU 80/120 ≈ 0.67: TP
    ];
    const r = meanAveragePrecision(detections, truths);
    expect(r.perClass.get(0)).toBeCloseTo(5 / 6, 12);
    expect(r.perClass.get(1)).toBe(0);
    expect(r.map).toBeCloseTo(5 / 12, 12);
  });
  it('given a box overlapping below IoU 0.5, when scored, then it is a false positive', () => {
    const r = meanAveragePrecision([[{ box: [5, 0, 10, 10], classId: 0, score: 1 }]], [[{ box: [0, 0, 10, 10], classId: 0 }]]);
    expect(r.map).toBe(0); // IoU 50/150 = 1/3
  });
});

describe('classification metrics and percentiles', () => {
  it('given 5 labelled predictions, when scored, then accuracy and per-class recall match the counts', () => {
    const m = classificationMetrics([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], ['a', 'b', 'c']);
    expect(m.accuracy).toBe(0.6);
    expect(m.perClassRecall).toEqual({ a: 0.5, b: 1, c: 0 });
  });
  it('given 100 sorted latencies, when p50 and p99 are taken, then they are the nearest-rank values', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 0.5), percentile(v, 0.99), percentile([7], 0.99)]).toEqual([50, 99, 7]);
  });
});
