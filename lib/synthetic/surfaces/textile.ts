/**
 * Textile: a plain weave. Warp and weft threads alternate on top in a checkerboard of cells; each
 * thread is a rounded ridge whose brightness varies thread to thread, with a little fuzz on top.
 */
import { boxBlur, createField, standardize, whiteNoise } from '../field';
import type { Rng } from '../prng';
import type { SurfaceTexture } from './surface';

const PALETTE: [number, number, number][] = [
  [0.55, 0.7, 1.35], // denim
  [1.15, 1.02, 0.8], // canvas
  [0.95, 1.08, 0.85], // olive
  [1.0, 1.0, 1.0], // gray felt
];

/** sin(πt) for t in [0, 1): the thread profile, tabulated because it is evaluated twice per pixel. */
const LUT = 256;
const SIN = Float32Array.from({ length: LUT + 1 }, (_, k) => Math.sin((Math.PI * k) / LUT));

export function textile(width: number, height: number, rng: Rng): SurfaceTexture {
  const pitch = rng.range(4.5, 7);
  const angle = rng.range(-0.08, 0.08);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const base = rng.range(95, 150);
  const amp = rng.range(14, 24);
  const threads = Math.ceil((Math.hypot(width, height) + 4) / pitch) * 2 + 4;
  const warpGain = Float32Array.from({ length: threads }, () => 1 + 0.15 * rng.normal());
  const weftGain = Float32Array.from({ length: threads }, () => 1 + 0.15 * rng.normal());
  const fuzz = standardize(boxBlur(whiteNoise(width, height, rng), 1, 1));
  const fuzzAmp = rng.range(2, 4);
  const field = createField(width, height);
  const offset = threads / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = (x * cos + y * sin) / pitch + offset;
      const v = (y * cos - x * sin) / pitch + offset;
      const i = Math.floor(u);
      const j = Math.floor(v);
      const fu = u - i;
      const fv = v - j;
      // The thread on top is a ridge across its width and dips where it passes under the other.
      const warpOnTop = ((i + j) & 1) === 0;
      const across = warpOnTop ? fu : fv;
      const along = warpOnTop ? fv : fu;
      const ridge = SIN[(across * LUT) | 0];
      const dip = 0.55 + 0.45 * SIN[(along * LUT) | 0];
      const gain = warpOnTop ? warpGain[i] : weftGain[j];
      field.data[y * width + x] = base + amp * (gain * ridge * dip - 0.55) + fuzzAmp * fuzz.data[y * width + x];
    }
  }
  return { field, tint: rng.pick(PALETTE), textureStd: amp * 0.35 };
}
