/** A single-channel float image (luminance, 0..255 nominal) that surfaces and defects paint into. */
import type { Rng } from './prng';

export interface Field {
  width: number;
  height: number;
  data: Float32Array;
}

export function createField(width: number, height: number, fill = 0): Field {
  const data = new Float32Array(width * height);
  if (fill !== 0) data.fill(fill);
  return { width, height, data };
}

/**
 * Field of independent zero-mean, unit-variance samples: the raw material of every texture.
 * Uniform rather than normal because every texture blurs it (and so makes it normal) anyway, at a
 * fraction of the cost.
 */
export function whiteNoise(width: number, height: number, rng: Rng): Field {
  const f = createField(width, height);
  const scale = 3.4641016 / 4294967296;
  for (let i = 0; i < f.data.length; i++) f.data[i] = (rng.uint32() - 2147483648) * scale;
  return f;
}

/**
 * Separable box blur with radii rx, ry, in place. Edges wrap around: textures made from blurred
 * noise then have no smeared border (a clamped edge shows as a band of repeated pixels). Running
 * sums keep it O(pixels) whatever the radius, which is what makes 256×256 parts cost a few ms.
 */
export function boxBlur(f: Field, radiusX: number, radiusY: number): Field {
  const { width: w, height: h, data } = f;
  const rx = Math.min(radiusX, w - 2);
  const ry = Math.min(radiusY, h - 2);
  const line = new Float32Array(Math.max(w, h));
  if (rx > 0) {
    const norm = 1 / (2 * rx + 1);
    for (let y = 0; y < h; y++) {
      const row = y * w;
      for (let x = 0; x < w; x++) line[x] = data[row + x];
      let sum = 0;
      for (let k = -rx; k <= rx; k++) sum += line[wrap(k, w)];
      for (let x = 0; x < w; x++) {
        data[row + x] = sum * norm;
        sum += line[wrap(x + rx + 1, w)] - line[wrap(x - rx, w)];
      }
    }
  }
  if (ry > 0) {
    const norm = 1 / (2 * ry + 1);
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) line[y] = data[y * w + x];
      let sum = 0;
      for (let k = -ry; k <= ry; k++) sum += line[wrap(k, h)];
      for (let y = 0; y < h; y++) {
        data[y * w + x] = sum * norm;
        sum += line[wrap(y + ry + 1, h)] - line[wrap(y - ry, h)];
      }
    }
  }
  return f;
}

/** Rescales a field to zero mean and unit standard deviation, so texture amplitudes are set in gray levels. */
export function standardize(f: Field): Field {
  const n = f.data.length;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) sum += f.data[i];
  const mean = sum / n;
  for (let i = 0; i < n; i++) sq += (f.data[i] - mean) ** 2;
  const inv = 1 / Math.sqrt(sq / n + 1e-12);
  for (let i = 0; i < n; i++) f.data[i] = (f.data[i] - mean) * inv;
  return f;
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Index modulo n for the small overshoots a blur radius makes (|i| < 2n). */
function wrap(i: number, n: number): number {
  return i < 0 ? i + n : i >= n ? i - n : i;
}
