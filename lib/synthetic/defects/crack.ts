/**
 * Crack: a dark, jagged line that wanders and branches — a random walk with a few side branches.
 */
import type { Rng } from '../prng';
import { createMask, applyMask, stroke, type Mask } from './mask';
import { placeCentre, type PaintDefect } from './defect';

function walk(mask: Mask, rng: Rng, x: number, y: number, heading: number, length: number, width: number, branches: number): void {
  let travelled = 0;
  let dir = heading;
  while (travelled < length) {
    const step = rng.range(3, 6);
    dir += rng.range(-0.45, 0.45);
    // Pull back towards the main heading so the crack keeps a direction.
    dir += 0.3 * (heading - dir);
    const nx = x + step * Math.cos(dir);
    const ny = y + step * Math.sin(dir);
    const w = width * (1 - 0.5 * (travelled / length));
    stroke(mask, x, y, nx, ny, w);
    if (branches > 0 && rng.next() < 0.12) {
      const side = rng.next() < 0.5 ? -1 : 1;
      walk(mask, rng, nx, ny, dir + side * rng.range(0.4, 1.1), (length - travelled) * rng.range(0.3, 0.6), w * 0.8, branches - 1);
    }
    x = nx;
    y = ny;
    travelled += step;
  }
}

export const crack: PaintDefect = (f, rng) => {
  const [cx, cy] = placeCentre(f, rng, 24);
  const length = rng.range(30, 80);
  const heading = rng.range(0, 2 * Math.PI);
  const width = rng.range(1.1, 2);
  const contrast = -rng.range(35, 70);
  const mask = createMask(f.width, f.height);
  const sx = cx - (Math.cos(heading) * length) / 2;
  const sy = cy - (Math.sin(heading) * length) / 2;
  walk(mask, rng, sx, sy, heading, length, width, 2);
  const box = applyMask(f, mask, contrast);
  return box && { kind: 'crack', box };
};
