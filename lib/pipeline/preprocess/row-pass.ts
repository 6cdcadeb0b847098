/**
 * The fused pass's fast path for the case in front of most models once the camera already gives
 * the model's size: no resampling (identity or crop), written into a float NCHW tensor. Each
 * output row is then a straight run of source pixels, so the loop walks the source with a running
 * index instead of looking up taps — about twice as fast as the general pass, same values.
 */
import type { Frame } from '../values';
import type { FusedPlan } from './fused-plan';

/** True when every output row reads consecutive source pixels (taps of weight 1, step 1). */
export function readsWholeRows(p: FusedPlan, channels: number): boolean {
  if (p.xs.k !== 1 || p.ys.k !== 1) return false;
  const { xOffset } = p;
  for (let x = 1; x < p.width; x++) if (xOffset[x] !== xOffset[0] + x * channels) return false;
  return true;
}

/** True when the rows read follow one another in the source: the pass reads one straight run. */
export function readsOneRun(p: FusedPlan, frame: Frame): boolean {
  const row = frame.width * frame.channels;
  if (p.width * frame.channels !== row) return false;
  for (let y = 1; y < p.height; y++) if (p.yOffset[y] !== p.yOffset[0] + y * row) return false;
  return true;
}

/** Writes plane-major (NCHW) at `offset`; the caller checked readsWholeRows. */
export function rowPass(p: FusedPlan, frame: Frame, out: Float32Array, offset: number): void {
  const { width, height, yOffset } = p;
  const { m, b, outChannels } = p.colour;
  const src = frame.data;
  const x0 = p.xOffset[0];
  const plane = width * height;
  let o = offset;
  if (frame.channels === 1) {
    const m0 = m[0];
    const b0 = b[0];
    if (readsOneRun(p, frame)) {
      // Whole rows, one after another: a single flat loop, which V8 runs ~40% faster than a nested one.
      for (let i = yOffset[0] + x0, end = o + plane; o < end; o++, i++) out[o] = m0 * src[i] + b0;
      return;
    }
    for (let y = 0; y < height; y++) {
      let i = yOffset[y] + x0;
      for (const end = o + width; o < end; o++, i++) out[o] = m0 * src[i] + b0;
    }
    return;
  }
  const [m0, m1, m2] = [m[0], m[1], m[2]];
  const b0 = b[0];
  if (outChannels === 1) {
    for (let y = 0; y < height; y++) {
      let i = yOffset[y] + x0;
      for (const end = o + width; o < end; o++, i += 3) out[o] = m0 * src[i] + m1 * src[i + 1] + m2 * src[i + 2] + b0;
    }
    return;
  }
  const [m3, m4, m5, m6, m7, m8] = [m[3], m[4], m[5], m[6], m[7], m[8]];
  const [b1, b2] = [b[1], b[2]];
  for (let y = 0; y < height; y++) {
    let i = yOffset[y] + x0;
    for (const end = o + width; o < end; o++, i += 3) {
      const r = src[i];
      const g = src[i + 1];
      const bl = src[i + 2];
      out[o] = m0 * r + m1 * g + m2 * bl + b0;
      out[o + plane] = m3 * r + m4 * g + m5 * bl + b1;
      out[o + 2 * plane] = m6 * r + m7 * g + m8 * bl + b2;
    }
  }
}
