/**
 * Painted panel: "orange peel" — a fine bumpy height field seen under a grazing light, so what the
 * camera sees is the slope of the bumps — plus faint cloudiness in the paint.
 */
import { boxBlur, createField, standardize, whiteNoise } from '../field';
import type { Rng } from '../prng';
import type { SurfaceTexture } from './surface';

const PALETTE: [number, number, number][] = [
  [1.6, 0.65, 0.6], // red
  [0.6, 0.85, 1.5], // blue
  [1.0, 1.0, 1.0], // white / silver
  [0.9, 1.1, 0.9], // green-gray
];

export function paintedPanel(width: number, height: number, rng: Rng): SurfaceTexture {
  const bump = rng.int(2, 3);
  const h = boxBlur(boxBlur(whiteNoise(width, height, rng), bump, bump), bump, bump).data;
  const cloud = standardize(boxBlur(boxBlur(whiteNoise(width, height, rng), 12, 12), 12, 12));
  const light = rng.range(0, 2 * Math.PI);
  const lx = Math.cos(light);
  const ly = Math.sin(light);
  const shade = createField(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = h[y * width + Math.min(x + 1, width - 1)] - h[y * width + Math.max(x - 1, 0)];
      const dy = h[Math.min(y + 1, height - 1) * width + x] - h[Math.max(y - 1, 0) * width + x];
      shade.data[y * width + x] = dx * lx + dy * ly;
    }
  }
  standardize(shade);
  const base = rng.range(90, 190);
  const peelAmp = rng.range(3.5, 7);
  const cloudAmp = rng.range(1.5, 4);
  for (let i = 0; i < shade.data.length; i++) shade.data[i] = base + peelAmp * shade.data[i] + cloudAmp * cloud.data[i];
  return { field: shade, tint: rng.pick(PALETTE), textureStd: Math.hypot(peelAmp, cloudAmp) };
}
