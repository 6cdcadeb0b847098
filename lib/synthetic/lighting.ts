/**
 * The camera's view of a part: uneven illumination (a tilted gradient and a soft highlight band, as
 * from a bar light) multiplies the surface, (sensor noise comes with quantisation, in to-frame). Applied after defects, so
 * defects are lit like the surface around them.
 */
import type { Field } from './field';
import type { Rng } from './prng';

export function applyLighting(f: Field, rng: Rng): void {
  const { width: w, height: h, data } = f;
  const tilt = rng.range(0, 2 * Math.PI);
  const slope = rng.range(0.05, 0.25);
  const gx = (Math.cos(tilt) * slope) / w;
  const gy = (Math.sin(tilt) * slope) / h;
  const band = rng.range(0, 2 * Math.PI);
  const bx = Math.cos(band);
  const by = Math.sin(band);
  const bandPos = rng.range(-0.4, 0.4) * Math.max(w, h);
  const bandWidth = rng.range(0.15, 0.4) * Math.max(w, h);
  const bandGain = rng.range(0, 0.15);
  const cx = w / 2;
  const cy = h / 2;
  // The band profile exp(-d²) from a table: one exp per pixel is a third of a part's cost.
  const steps = 64;
  const table = Float32Array.from({ length: 4 * steps + 1 }, (_, k) => bandGain * Math.exp(-((k / steps - 2) ** 2)));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = ((x - cx) * bx + (y - cy) * by - bandPos) / bandWidth;
      const k = d <= -2 || d >= 2 ? 0 : table[Math.round((d + 2) * steps)];
      data[y * w + x] *= 1 + gx * (x - cx) + gy * (y - cy) + k;
    }
  }
}
