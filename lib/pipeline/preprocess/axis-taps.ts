/**
 * Crop and resize are separable: along each axis, every output position is a fixed weighted sum
 * of source positions. Composing the geometric ops per axis (taps of taps) gives the exact result
 * of applying them one after another — even resize after resize — while reading the source once.
 */
import type { PreprocessOp } from '../preprocess-ops';

/** Per output position: `k` source indices and weights (padded with zero weights). */
export interface AxisTaps {
  size: number;
  k: number;
  index: Int32Array;
  weight: Float64Array;
}

type Tap = Map<number, number>;
type GeometricOp = Extract<PreprocessOp, { op: 'crop' | 'resize' }>;

/** Taps for one axis, or a message when a crop falls outside the image it cuts. */
export function axisTaps(sourceSize: number, ops: readonly GeometricOp[], axis: 'x' | 'y'): AxisTaps | string {
  let taps: Tap[] = Array.from({ length: sourceSize }, (_, i) => new Map([[i, 1]]));
  for (const op of ops) {
    const size = axis === 'x' ? op.width : op.height;
    if (op.op === 'crop') {
      const start = axis === 'x' ? op.x : op.y;
      if (start + size > taps.length) {
        return `crop ${axis === 'x' ? 'x + width' : 'y + height'} = ${start + size} exceeds the ${axis === 'x' ? 'width' : 'height'} ${taps.length} of the image it cuts`;
      }
      taps = taps.slice(start, start + size);
    } else taps = resizeTaps(taps, size, op.filter);
  }
  return pack(taps);
}

function resizeTaps(taps: Tap[], size: number, filter: 'bilinear' | 'nearest'): Tap[] {
  const n = taps.length;
  const ratio = n / size;
  return Array.from({ length: size }, (_, j) => {
    if (filter === 'nearest') return taps[Math.min(n - 1, Math.floor((j + 0.5) * ratio))];
    // Pixel centres aligned (OpenCV / PIL convention), clamped at the borders.
    const s = Math.min(n - 1, Math.max(0, (j + 0.5) * ratio - 0.5));
    const i0 = Math.floor(s);
    const i1 = Math.min(i0 + 1, n - 1);
    const f = s - i0;
    if (f === 0 || i1 === i0) return taps[i0];
    const mixed: Tap = new Map();
    for (const [i, w] of taps[i0]) mixed.set(i, (mixed.get(i) ?? 0) + w * (1 - f));
    for (const [i, w] of taps[i1]) mixed.set(i, (mixed.get(i) ?? 0) + w * f);
    return mixed;
  });
}

function pack(taps: Tap[]): AxisTaps {
  const k = Math.max(1, ...taps.map((t) => t.size));
  const index = new Int32Array(taps.length * k);
  const weight = new Float64Array(taps.length * k);
  taps.forEach((tap, j) => {
    let t = 0;
    for (const [i, w] of tap) {
      index[j * k + t] = i;
      weight[j * k + t] = w;
      t++;
    }
    // Padding repeats a valid index with weight 0, so the kernel never branches on it.
    for (; t < k; t++) index[j * k + t] = index[j * k];
  });
  return { size: taps.length, k, index, weight };
}
