/**
 * The fused pass for a model that reads a camera's pixels as they are (model-node/byte-feed, the
 * 'nhwc' layout): each output pixel is one source pixel, picked by crop or nearest resize, its
 * channels kept interleaved and in the camera's order. Whole rows are copied as they are; where
 * the rows read follow one another, the item is one copy.
 */
import type { Frame } from '../values';
import type { FusedPlan } from './fused-plan';
import { readsOneRun, readsWholeRows } from './row-pass';

export function pixelPass(p: FusedPlan, frame: Frame, out: Uint8Array, offset: number): void {
  if (p.xs.k !== 1 || p.ys.k !== 1) throw new Error('this preprocessing interpolates, so its values are not bytes');
  const { width, height, xOffset, yOffset } = p;
  const src = frame.data;
  const channels = frame.channels;
  const row = width * channels;
  if (readsWholeRows(p, channels)) {
    const first = yOffset[0] + xOffset[0];
    if (readsOneRun(p, frame)) out.set(src.subarray(first, first + row * height), offset);
    else for (let y = 0; y < height; y++) out.set(src.subarray(yOffset[y] + xOffset[0], yOffset[y] + xOffset[0] + row), offset + y * row);
    return;
  }
  let o = offset;
  for (let y = 0; y < height; y++) {
    const yo = yOffset[y];
    for (let x = 0; x < width; x++) {
      const i = yo + xOffset[x];
      for (let k = 0; k < channels; k++) out[o++] = src[i + k];
    }
  }
}
