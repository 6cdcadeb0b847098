/**
 * The fused pass for a model fed bytes (model-node/byte-feed): each output value is one source
 * byte, picked by crop or nearest resize, written plane-major (NCHW) with source channel k in
 * plane planeOf[k]. The model scales and shifts the values itself.
 */
import type { Frame } from '../values';
import type { FusedPlan } from './fused-plan';
import { readsOneRun, readsWholeRows } from './row-pass';
import { simdBytePass } from './simd/simd-byte-pass';

export function bytePass(p: FusedPlan, frame: Frame, out: Uint8Array, offset: number, planeOf: readonly number[]): void {
  if (p.xs.k !== 1 || p.ys.k !== 1) throw new Error('this preprocessing interpolates, so its values are not bytes');
  const { width, height, xOffset, yOffset } = p;
  const src = frame.data;
  const channels = frame.channels;
  if (readsWholeRows(p, channels)) {
    if (channels === 1) {
      // Gray rows are already what the model takes: copy them, in one go where they follow one another.
      const first = yOffset[0] + xOffset[0];
      if (readsOneRun(p, frame)) out.set(src.subarray(first, first + width * height), offset);
      else for (let y = 0; y < height; y++) out.set(src.subarray(yOffset[y] + xOffset[0], yOffset[y] + xOffset[0] + width), offset + y * width);
      return;
    }
    if (simdBytePass(p, frame, out, offset, planeOf)) return;
  }
  const plane = width * height;
  const at = planeOf.map((c) => offset + c * plane);
  for (let y = 0; y < height; y++) {
    const yo = yOffset[y];
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = yo + xOffset[x];
      for (let k = 0; k < channels; k++) out[at[k] + row + x] = src[i + k];
    }
  }
}
