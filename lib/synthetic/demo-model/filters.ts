/**
 * The fixed filter bank of the demo anomaly model. Each kernel is zero-mean (flat areas and
 * lighting gradients give no response) and has unit L2 norm (white sensor noise gives the same
 * response in every filter), so what separates defects from texture is shape and scale alone.
 */
export interface Kernel {
  size: number;
  /** Row-major size×size weights. */
  weights: Float32Array;
}

export type FilterSpec =
  /** Thin line detector: second derivative across the line, elongated along it. */
  | { type: 'line'; size: number; across: number; along: number; angle: number }
  /** Blob detector: centre Gaussian minus surround Gaussian. */
  | { type: 'dog'; size: number; inner: number; outer: number }
  /** First derivative of a Gaussian: an edge, or one rim of a dent. */
  | { type: 'edge'; size: number; sigma: number; angle: number };

export function makeKernel(spec: FilterSpec): Kernel {
  const { size } = spec;
  const c = (size - 1) / 2;
  const w = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      w[y * size + x] = value(spec, x - c, y - c);
    }
  }
  return { size, weights: normalise(w) };
}

function value(spec: FilterSpec, dx: number, dy: number): number {
  switch (spec.type) {
    case 'line': {
      const u = dx * Math.cos(spec.angle) + dy * Math.sin(spec.angle);
      const v = -dx * Math.sin(spec.angle) + dy * Math.cos(spec.angle);
      const g = Math.exp(-(u * u) / (2 * spec.along ** 2) - (v * v) / (2 * spec.across ** 2));
      return g * (v * v / spec.across ** 2 - 1);
    }
    case 'dog': {
      const r2 = dx * dx + dy * dy;
      const g = (s: number) => Math.exp(-r2 / (2 * s * s)) / (s * s);
      return g(spec.inner) - g(spec.outer);
    }
    case 'edge': {
      const u = dx * Math.cos(spec.angle) + dy * Math.sin(spec.angle);
      return -u * Math.exp(-(dx * dx + dy * dy) / (2 * spec.sigma ** 2));
    }
  }
}

function normalise(w: Float64Array): Float32Array {
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  let sq = 0;
  for (let i = 0; i < w.length; i++) {
    w[i] -= mean;
    sq += w[i] * w[i];
  }
  const inv = 1 / Math.sqrt(sq);
  return Float32Array.from(w, (v) => v * inv);
}
