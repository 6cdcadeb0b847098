/**
 * Constant tensors to integers: weights to symmetric int8 (per tensor, or per output channel
 * along `axis`), biases to int32 with scale = input scale × weight scale (so the integer
 * kernel adds them straight into its int32 accumulator), and other constants (an Add's second
 * operand) with the activation type over their own range.
 */
import { clamp, quantParams, roundEven, type QType } from './quant-params';

export interface QuantizedWeight {
  values: Int8Array | Uint8Array;
  scales: Float32Array;
  zeroPoints: Int8Array | Uint8Array;
}

/** Symmetric int8, one scale per slice along `axis` (or one for all when axis is undefined). */
export function quantizeWeight(values: Float32Array, dims: number[], axis: number | undefined): QuantizedWeight {
  const channels = axis === undefined ? 1 : dims[axis];
  const inner = axis === undefined ? values.length : dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const absMax = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = axis === undefined ? 0 : Math.floor(i / inner) % channels;
    const a = Math.abs(values[i]);
    if (a > absMax[c]) absMax[c] = a;
  }
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) scales[c] = absMax[c] > 0 ? Math.fround(absMax[c] / 127) : 1;
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = axis === undefined ? 0 : Math.floor(i / inner) % channels;
    out[i] = clamp(roundEven(values[i] / scales[c]), -127, 127);
  }
  return { values: out, scales, zeroPoints: new Int8Array(channels) };
}

/** Bias to int32 at scale inputScale × weightScale[c]; values beyond int32 are clamped. */
export function quantizeBias(bias: Float32Array, inputScale: number, weightScales: Float32Array): { values: Int32Array; scales: Float32Array } {
  const scales = new Float32Array(bias.length);
  const values = new Int32Array(bias.length);
  for (let c = 0; c < bias.length; c++) {
    const s = Math.fround(inputScale * weightScales[weightScales.length === 1 ? 0 : c]);
    scales[c] = s;
    values[c] = clamp(roundEven(bias[c] / s), -2147483647, 2147483647);
  }
  return { values, scales };
}

/** A non-weight constant (e.g. an Add operand) quantized like an activation over its own range. */
export function quantizeConstant(values: Float32Array, type: QType, symmetric: boolean): QuantizedWeight {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const p = quantParams(lo, hi, type, symmetric);
  const [qmin, qmax] = type === 'uint8' ? [0, 255] : [-128, 127];
  const out = type === 'uint8' ? new Uint8Array(values.length) : new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = clamp(roundEven(values[i] / p.scale) + p.zeroPoint, qmin, qmax);
  const zp = type === 'uint8' ? Uint8Array.of(p.zeroPoint) : Int8Array.of(p.zeroPoint);
  return { values: out, scales: Float32Array.of(p.scale), zeroPoints: zp };
}
