/**
 * Dent: a shallow, round depression. The camera sees its slopes under the light — one rim darker,
 * the opposite rim brighter — so it is painted as the shading of a smooth bowl, not as a blob.
 */
import { maskBox, cover, createMask } from './mask';
import { placeCentre, type PaintDefect } from './defect';

export const dent: PaintDefect = (f, rng) => {
  const [cx, cy] = placeCentre(f, rng, 20);
  const radius = rng.range(8, 16);
  const amplitude = rng.range(25, 45);
  const light = rng.range(0, 2 * Math.PI);
  const lx = Math.cos(light);
  const ly = Math.sin(light);
  const mask = createMask(f.width, f.height);
  const reach = Math.ceil(radius);
  for (let y = Math.max(0, Math.floor(cy - reach)); y <= Math.min(f.height - 1, cy + reach); y++) {
    for (let x = Math.max(0, Math.floor(cx - reach)); x <= Math.min(f.width - 1, cx + reach); x++) {
      const dx = x - cx;
      const dy = y - cy;
      const rho = Math.hypot(dx, dy);
      if (rho >= radius || rho === 0) continue;
      // Slope of h(ρ) = (1 + cos(πρ/r))/2, projected on the light direction.
      const slope = Math.sin((Math.PI * rho) / radius);
      const shade = (slope * (dx * lx + dy * ly)) / rho;
      f.data[y * f.width + x] += amplitude * shade;
      cover(mask, x, y, Math.abs(shade));
    }
  }
  const box = maskBox(mask);
  return box && { kind: 'dent', box };
};
