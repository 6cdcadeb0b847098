/**
 * The fused pass for a model fed bytes (model-node/byte-feed): each output value is one source
 * byte, picked by crop or nearest resize, written plane-major (NCHW) with source channel k in
 * plane planeOf[k]. The model scales and shifts the values itself.
 */
import type { Frame } from '../values';
import type { FusedPlan } from './fused-plan';
import { pixelPass } from './pixel-pass';
import { readsWholeRows } from './row-pass';
import { simdBytePass } from './simd/simd-byte-pass';

export function bytePass(p: FusedPlan, frame: Frame, out: Uint8Array, offset: number, planeOf: readonly number[]): void {
  if (p.xs.k !== 1 || p.ys.k !== 1) throw new Error('this preprocessing interpolates, so its values are not bytes');
  const { width, height, xOffset, yOffset } = p;
  const src = frame.data;
  const channels = frame.channels;
  // A gray plane is its pixels.
  if (channels === 1) return pixelPass(p, frame, out, offset);
  if (readsWholeRows(p, channels) && simdBytePass(p, frame, out, offset, planeOf)) return;
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
