/**
 * IEEE 754 binary16 encode/decode. Node 20 has no Float16Array, so the bits are built by hand
 * with round-to-nearest-even — the same rounding a GPU applies when it stores a float16.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export const FLOAT16_MAX = 65504;

/** float32 → float16 bits (NaN stays NaN, ±Inf stays ±Inf, overflow becomes ±Inf). */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: value = m · 2^-24. Below 2^-25 everything rounds to zero.
    if (e < -10) return sign;
    const full = mant | 0x800000;
    const shift = 14 - e;
    let half = full >>> shift;
    const rem = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = sign | (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (and may reach Inf).
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return half;
}

/** float16 bits → number. */
export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

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
