/**
 * Class-aware greedy non-maximum suppression: highest score first; a box is dropped when it
 * overlaps a kept box of the same class by more than `iouThreshold`. Boxes of different classes
 * never suppress each other (a person holding a frisbee keeps both).
 */
import type { Box } from '../values';
import type { Candidate } from './candidate';

export function iou(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

export function nms<T extends Candidate>(candidates: readonly T[], iouThreshold: number, maxDetections: number): T[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const c of sorted) {
    if (kept.length >= maxDetections) break;
    if (kept.every((k) => k.classId !== c.classId || iou(k.box, c.box) <= iouThreshold)) kept.push(c);
  }
  return kept;
}
