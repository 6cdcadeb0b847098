/**
 * Scratch: a thin, slightly curved line, brighter (bare metal, scuffed fibres) or darker than the
 * surface, fading in and out at its ends and uneven along its length.
 */
import { createMask, applyMask, stroke } from './mask';
import { placeCentre, type PaintDefect } from './defect';

export const scratch: PaintDefect = (f, rng) => {
  const [cx, cy] = placeCentre(f, rng, 24);
  const length = rng.range(30, 100);
  const angle = rng.range(0, Math.PI);
  const bend = rng.range(-0.15, 0.15) * length;
  const width = rng.range(1.2, 2.4);
  const contrast = (rng.next() < 0.6 ? 1 : -1) * rng.range(30, 60);
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const steps = 12;
  const mask = createMask(f.width, f.height);
  const point = (t: number): [number, number] => {
    const s = (t - 0.5) * length;
    const off = bend * (1 - 4 * (t - 0.5) ** 2);
    return [cx + s * ux - off * uy, cy + s * uy + off * ux];
  };
  // Strength ramps up from the ends and wavers, as a real tool mark does.
  const strength = (t: number) => Math.min(1, 5 * t, 5 * (1 - t)) * (0.85 + 0.15 * Math.sin(9 * t + angle * 7));
  for (let k = 0; k < steps; k++) {
    const [x0, y0] = point(k / steps);
    const [x1, y1] = point((k + 1) / steps);
    stroke(mask, x0, y0, x1, y1, width, strength(k / steps), strength((k + 1) / steps));
  }
  const box = applyMask(f, mask, contrast);
  return box && { kind: 'scratch', box };
};
