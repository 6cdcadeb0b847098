/**
 * Float16 helpers for the FP16 converter over the IEEE 754 binary16 codec in onnx/half.ts (Node 20
 * has no Float16Array; it rounds to nearest even, as a GPU does when it stores a float16).
 */
import { floatToHalf, halfToFloat } from '../onnx/half';

export const FLOAT16_MAX = 65504;

/** float32 → float16 bits (NaN stays NaN, ±Inf stays ±Inf, overflow becomes ±Inf); the one codec in onnx/half.ts. */
export const toHalfBits = floatToHalf;

/** float16 bits → number. */
export const fromHalfBits = halfToFloat;

export interface ClampCounts {
  /** Finite values beyond ±maxFinite, pinned to ±maxFinite instead of becoming Inf. */
  clampedLarge: number;
  /** Non-zero values below minPositive, raised to ±minPositive instead of becoming 0. */
  raisedTiny: number;
}

/**
 * Converts float32 values to float16 bits without changing sign or finiteness: an epsilon of
 * 1e-12 that rounded to 0 would turn a division into Inf, a weight of 1e5 would become Inf.
 */
export function floatsToHalf(values: ArrayLike<number>, minPositive: number, maxFinite: number, counts: ClampCounts): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    const a = Math.abs(v);
    if (a > maxFinite && a !== Infinity) {
      v = Math.sign(v) * maxFinite;
      counts.clampedLarge++;
    } else if (a > 0 && a < minPositive) {
      v = Math.sign(v) * minPositive;
      counts.raisedTiny++;
    }
    out[i] = toHalfBits(v);
  }
  return out;
}

/** Decodes a Uint16Array of float16 bits (what onnxruntime returns for float16) to float32. */
export function halfToFloats(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = fromHalfBits(bits[i]);
  return out;
}

/** Encodes float32 values as float16 bits with plain rounding (for feeding float16 inputs). */
export function floatsToHalfBits(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toHalfBits(values[i]);
  return out;
}
