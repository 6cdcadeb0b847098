/** Turns the lit luminance field into camera pixels: per-channel sensor noise, 8-bit quantisation. */
import type { Frame } from '@/lib/pipeline/values';
import type { Field } from './field';
import type { Rng } from './prng';

export function toFrame(f: Field, channels: 1 | 3, tint: [number, number, number], noise: number, rng: Rng): Frame {
  const n = f.width * f.height;
  const data = new Uint8Array(n * channels);
  if (channels === 1) {
    for (let i = 0; i < n; i++) data[i] = quantize(f.data[i] + noise * rng.noise());
  } else {
    // Normalise the tint to unit luminance so the gray conversion of an RGB part matches a gray part.
    const lum = 0.299 * tint[0] + 0.587 * tint[1] + 0.114 * tint[2];
    const [r, g, b] = tint.map((t) => t / lum);
    for (let i = 0; i < n; i++) {
      const v = f.data[i];
      data[3 * i] = quantize(v * r + noise * rng.noise());
      data[3 * i + 1] = quantize(v * g + noise * rng.noise());
      data[3 * i + 2] = quantize(v * b + noise * rng.noise());
    }
  }
  return { width: f.width, height: f.height, channels, data };
}

function quantize(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}
