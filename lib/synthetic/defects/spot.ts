/**
 * Spot: a stain or inclusion — an irregular, soft-edged blob, usually darker than the surface.
 */
import { cover, createMask, applyMask } from './mask';
import { placeCentre, type PaintDefect } from './defect';

export const spot: PaintDefect = (f, rng) => {
  const [cx, cy] = placeCentre(f, rng, 16);
  const radius = rng.range(3.5, 9);
  const aspect = rng.range(0.65, 1);
  const angle = rng.range(0, Math.PI);
  const contrast = (rng.next() < 0.7 ? -1 : 1) * rng.range(25, 55);
  // A few low harmonics make the outline irregular rather than a perfect ellipse.
  const harmonics = [2, 3, 5].map((n) => ({ n, a: rng.range(0, 0.15), p: rng.range(0, 2 * Math.PI) }));
  const mask = createMask(f.width, f.height);
  const reach = Math.ceil(radius * 1.5 + 2);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  for (let y = Math.floor(cy - reach); y <= cy + reach; y++) {
    for (let x = Math.floor(cx - reach); x <= cx + reach; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const u = dx * cos + dy * sin;
      const v = (-dx * sin + dy * cos) / aspect;
      const theta = Math.atan2(v, u);
      let r = radius;
      for (const h of harmonics) r *= 1 + h.a * Math.sin(h.n * theta + h.p);
      const rho = Math.hypot(u, v) / r;
      // Flat core, soft rim.
      const a = rho < 0.6 ? 1 : rho < 1.2 ? 0.5 + 0.5 * Math.cos((Math.PI * (rho - 0.6)) / 0.6) : 0;
      cover(mask, x, y, a);
    }
  }
  const box = applyMask(f, mask, contrast);
  return box && { kind: 'spot', box };
};
