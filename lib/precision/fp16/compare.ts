/** Closeness of an FP16 output to its FP32 reference. */
import type * as ort from 'onnxruntime-node';
import { halfToFloats } from './half';
import type { OutputComparison } from './report';

export function floatsOf(t: ort.Tensor): Float32Array | Float64Array {
  if (t.type === 'float16') return halfToFloats(t.data as Uint16Array);
  return t.data as Float32Array | Float64Array;
}

/** Statistics over the positions where the reference is finite. */
export function compareOutput(name: string, ref: ArrayLike<number>, got: ArrayLike<number>): OutputComparison {
  let maxAbsDiff = 0;
  let refMax = 0;
  let dot = 0;
  let nr = 0;
  let ng = 0;
  let nonFinite = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i];
    const g = got[i];
    if (!Number.isFinite(r)) continue;
    if (!Number.isFinite(g)) {
      nonFinite++;
      continue;
    }
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(r - g));
    refMax = Math.max(refMax, Math.abs(r));
    dot += r * g;
    nr += r * r;
    ng += g * g;
  }
  const cosine = nr === 0 && ng === 0 ? 1 : dot / Math.sqrt(nr * ng || 1);
  return { name, maxAbsDiff, relativeError: refMax === 0 ? maxAbsDiff : maxAbsDiff / refMax, cosine, nonFinite };
}

/** Count of positions that are NaN/Inf in `got` but finite in `ref` (all non-finite ones without a reference). */
export function newNonFinite(got: ArrayLike<number>, ref?: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < got.length; i++) if (!Number.isFinite(got[i]) && (!ref || Number.isFinite(ref[i]))) n++;
  return n;
}
