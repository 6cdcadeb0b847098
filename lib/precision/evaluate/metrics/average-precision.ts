/**
 * mAP@0.5 the Pascal VOC way (2010+ "all-point" interpolation): per class, detections of all
 * images sorted by score; each is a true positive when it overlaps a not-yet-matched ground-truth
 * box of its class in its image by IoU ≥ 0.5, else a false positive; AP is the area under the
 * precision–recall curve after making precision monotone. mAP is the mean over the classes that
 * have ground truth (a class with none has no recall to measure).
 */
import { iou } from '@/lib/pipeline/postprocess/nms';
import type { Box } from '@/lib/pipeline/values';

export interface ScoredBox {
  box: Box;
  classId: number;
  score: number;
}

export interface TruthBox {
  box: Box;
  classId: number;
}

/** Area under the all-point interpolated precision–recall curve. */
export function averagePrecision(recall: readonly number[], precision: readonly number[]): number {
  const r = [0, ...recall, 1];
  const p = [0, ...precision, 0];
  for (let i = p.length - 2; i >= 0; i--) p[i] = Math.max(p[i], p[i + 1]);
  let ap = 0;
  for (let i = 1; i < r.length; i++) if (r[i] !== r[i - 1]) ap += (r[i] - r[i - 1]) * p[i];
  return ap;
}

export interface MapResult {
  map: number | undefined;
  perClass: Map<number, number>;
}

export function meanAveragePrecision(detections: readonly ScoredBox[][], truths: readonly TruthBox[][], iouThreshold = 0.5): MapResult {
  const classes = new Set(truths.flat().map((t) => t.classId));
  const perClass = new Map<number, number>();
  for (const cls of [...classes].sort((a, b) => a - b)) {
    const gts = truths.map((ts) => ts.filter((t) => t.classId === cls));
    const matched = gts.map((g) => g.map(() => false));
    const total = gts.reduce((n, g) => n + g.length, 0);
    const dets = detections.flatMap((ds, image) => ds.filter((d) => d.classId === cls).map((d) => ({ d, image }))).sort((a, b) => b.d.score - a.d.score);
    let tp = 0;
    const recall: number[] = [];
    const precision: number[] = [];
    dets.forEach(({ d, image }, k) => {
      let best = -1;
      let bestIou = 0;
      gts[image].forEach((g, j) => {
        const o = iou(d.box, g.box);
        if (o > bestIou) [best, bestIou] = [j, o];
      });
      if (best >= 0 && bestIou >= iouThreshold && !matched[image][best]) {
        matched[image][best] = true;
        tp++;
      }
      recall.push(tp / total);
      precision.push(tp / (k + 1));
    });
    perClass.set(cls, averagePrecision(recall, precision));
  }
  const aps = [...perClass.values()];
  return { map: aps.length ? aps.reduce((a, b) => a + b, 0) / aps.length : undefined, perClass };
}
