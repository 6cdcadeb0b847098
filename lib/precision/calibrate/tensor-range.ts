/**
 * The range [lo, hi] a tensor is quantized over, from its streamed statistics:
 * - minmax: the observed extremes;
 * - percentile: the (100−p)th and pth percentiles of the raw values (so a ReLU output keeps 0 as
 *   its floor, where an |x| percentile would waste half the levels);
 * - entropy: TensorRT's KL threshold t over |x|, giving [max(min, −t), min(max, t)].
 */
import { z } from 'zod';
import { entropyThreshold } from './entropy-threshold';
import type { StreamingHistogram } from './streaming-histogram';

export const CalibrationMethod = z.enum(['minmax', 'percentile', 'entropy']);
export type CalibrationMethod = z.infer<typeof CalibrationMethod>;

export interface TensorRange {
  lo: number;
  hi: number;
}

export function tensorRange(h: StreamingHistogram, method: CalibrationMethod, percentile = 99.999): TensorRange {
  if (h.count === 0) return { lo: 0, hi: 0 };
  if (method === 'minmax' || h.range === 0) return { lo: h.min, hi: h.max };
  if (method === 'percentile') {
    const lo = valueAtFraction(h, 1 - percentile / 100, 'low');
    const hi = valueAtFraction(h, percentile / 100, 'high');
    return { lo: Math.max(h.min, lo), hi: Math.min(h.max, hi) };
  }
  const half = h.binCount / 2;
  const abs = new Float64Array(half);
  // Fold the symmetric histogram onto |x|: bin half+k and half−1−k both cover |x| ∈ [k·w, (k+1)·w).
  for (let k = 0; k < half; k++) abs[k] = h.bins[half + k] + h.bins[half - 1 - k];
  const t = entropyThreshold(abs, h.binWidth);
  return { lo: Math.max(h.min, -t), hi: Math.min(h.max, t) };
}

/** The value below which `fraction` of the samples lie, interpolated inside the bin. */
function valueAtFraction(h: StreamingHistogram, fraction: number, side: 'low' | 'high'): number {
  const target = Math.min(Math.max(fraction, 0), 1) * h.count;
  let seen = 0;
  for (let b = 0; b < h.binCount; b++) {
    const c = h.bins[b];
    if (seen + c >= target && c > 0) {
      const inside = (target - seen) / c;
      return -h.range + (b + inside) * h.binWidth;
    }
    seen += c;
  }
  return side === 'low' ? h.min : h.max;
}
