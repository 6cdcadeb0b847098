/**
 * The smoothing scale of each input channel j: s_j = max|X_j|^α / max|W_j|^(1−α) (SmoothQuant,
 * Xiao et al. 2023), so X_j / s_j and W_j · s_j meet in the middle. Channels that never fire or
 * have all-zero weights keep s = 1; maxima are floored at 1e-5 so no scale explodes.
 */
import type { TensorProto } from '../quantize/proto';
import { dimsOf, floatsOf } from '../quantize/tensor-data';
import type { SmoothTarget } from './targets';

const FLOOR = 1e-5;

export function smoothingScales(xMax: Float32Array, targets: SmoothTarget[], alpha: number): Float32Array {
  const wMax = new Float32Array(xMax.length);
  for (const t of targets) {
    const values = floatsOf(t.weight);
    const dims = dimsOf(t.weight);
    if (dims[t.weightAxis] !== xMax.length) throw new Error(`weight ${t.weight.name} has ${dims[t.weightAxis]} input channels, its activation ${xMax.length}`);
    const inner = dims.slice(t.weightAxis + 1).reduce((a, b) => a * b, 1);
    for (let i = 0; i < values.length; i++) {
      const c = Math.floor(i / inner) % xMax.length;
      const a = Math.abs(values[i]);
      if (a > wMax[c]) wMax[c] = a;
    }
  }
  const s = new Float32Array(xMax.length);
  for (let j = 0; j < s.length; j++) {
    if (xMax[j] === 0 || wMax[j] === 0) s[j] = 1;
    else s[j] = Math.pow(Math.max(xMax[j], FLOOR), alpha) / Math.pow(Math.max(wMax[j], FLOOR), 1 - alpha);
    if (!Number.isFinite(s[j]) || s[j] <= 0) s[j] = 1;
  }
  return s;
}

/** Multiplies slice c along `axis` of a float tensor by factor[c], in place in the tensor proto. */
export function scaleAlong(t: TensorProto, axis: number, factor: Float32Array): void {
  const values = floatsOf(t);
  const dims = dimsOf(t);
  const channels = dims.length === 0 ? 1 : dims[axis];
  if (channels !== factor.length) throw new Error(`tensor ${t.name} has ${channels} channels on axis ${axis}, expected ${factor.length}`);
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * factor[Math.floor(i / inner) % channels];
  t.rawData = new Uint8Array(out.buffer);
  t.floatData = [];
}
