/**
 * Grayscale and normalize are affine per pixel, so any sequence of them is one affine map from
 * the source channels to the output channels: out[c] = Σ m[c][k]·in[k] + b[c]. Being affine with
 * weights that sum to one, they also commute with interpolation, which lets the kernel sample
 * first and colour once per output pixel.
 */
import type { PreprocessOp } from '../preprocess-ops';

/** Luma weights (ITU-R BT.601), the same as the demo model's own input conversion. */
export const LUMA = [0.299, 0.587, 0.114] as const;

export interface ColourAffine {
  inChannels: 1 | 3;
  outChannels: 1 | 3;
  /** Row-major outChannels × inChannels. */
  m: Float64Array;
  b: Float64Array;
}

type ColourOp = Extract<PreprocessOp, { op: 'grayscale' | 'normalize' }>;

export function colourAffine(inChannels: 1 | 3, ops: readonly ColourOp[]): ColourAffine | string {
  let rows: number[][] = Array.from({ length: inChannels }, (_, c) => Array.from({ length: inChannels }, (_, k) => (c === k ? 1 : 0)));
  let bias: number[] = Array.from({ length: inChannels }, () => 0);
  let order: 'rgb' | 'bgr' = 'rgb';
  for (const op of ops) {
    if (op.op === 'grayscale') {
      if (rows.length === 1) continue;
      const w = order === 'rgb' ? LUMA : [...LUMA].reverse();
      rows = [rows[0].map((_, k) => rows.reduce((s, row, c) => s + w[c] * row[k], 0))];
      bias = [bias.reduce((s, v, c) => s + w[c] * v, 0)];
      continue;
    }
    const channels = rows.length;
    if (op.mean.length !== 1 && op.mean.length !== channels) return `normalize has ${op.mean.length} mean values for a ${channels}-channel image (give 1 or ${channels})`;
    if (op.std.length !== 1 && op.std.length !== channels) return `normalize has ${op.std.length} std values for a ${channels}-channel image (give 1 or ${channels})`;
    // Reordering puts the channels in the order the model wants; mean/std are listed in that order.
    const from = channels === 3 && op.order !== order ? [2, 1, 0] : [0, 1, 2].slice(0, channels);
    if (channels === 3) order = op.order;
    const at = (values: number[], c: number) => values[values.length === 1 ? 0 : c];
    rows = from.map((src, c) => rows[src].map((v) => (v * op.scale) / at(op.std, c)));
    bias = from.map((src, c) => (bias[src] * op.scale - at(op.mean, c)) / at(op.std, c));
  }
  return { inChannels, outChannels: rows.length as 1 | 3, m: Float64Array.from(rows.flat()), b: Float64Array.from(bias) };
}
