/**
 * Scale and zero point from a float range, as ONNX Runtime's tool computes them: the range always
 * includes 0 (so 0 is exact, which padding and ReLU rely on); asymmetric uint8 spans [0, 255];
 * symmetric types use ±127 with zero point 0 (−128 stays unused so |q| is symmetric).
 */
export type QType = 'uint8' | 'int8';

export interface QuantParams {
  scale: number;
  zeroPoint: number;
  type: QType;
}

export function quantParams(lo: number, hi: number, type: QType, symmetric: boolean): QuantParams {
  let rmin = Math.min(lo, 0);
  let rmax = Math.max(hi, 0);
  if (!Number.isFinite(rmin) || !Number.isFinite(rmax)) throw new Error(`range [${lo}, ${hi}] is not finite`);
  if (symmetric) {
    const m = Math.max(-rmin, rmax);
    rmin = -m;
    rmax = m;
  }
  const [qmin, qmax] = qRange(type, symmetric);
  if (rmax === rmin) return { scale: 1, zeroPoint: symmetric ? 0 : type === 'uint8' ? 0 : -128, type };
  const scale = Math.fround((rmax - rmin) / (qmax - qmin));
  const zeroPoint = symmetric ? (type === 'uint8' ? 128 : 0) : clamp(Math.round(qmin - rmin / scale), qmin, qmax);
  return { scale, zeroPoint, type };
}

export function qRange(type: QType, symmetric: boolean): [number, number] {
  if (type === 'uint8') return [0, 255];
  return symmetric ? [-127, 127] : [-128, 127];
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Round half to even, like numpy and QuantizeLinear. */
export function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
