/**
 * An anomaly map as a picture: each cell through a perceptual colour map (dark blue → teal →
 * yellow, like viridis), stretched to the map's own range so the structure is always visible;
 * the range travels with it so a flat, all-good map is not mistaken for a defect.
 */
import type { AnomalyMap, Frame } from '../pipeline/values';

// Viridis at five stops; linear in between.
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export function heatMapFrame(map: AnomalyMap): { frame: Frame & { channels: 3 }; min: number; max: number } {
  const n = map.width * map.height;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = map.data[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min <= max)) min = max = 0;
  const span = max - min > 1e-12 ? max - min : 1;
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const v = map.data[i];
    const t = Number.isFinite(v) ? (v - min) / span : 0;
    const [r, g, b] = colourAt(t);
    data[3 * i] = r;
    data[3 * i + 1] = g;
    data[3 * i + 2] = b;
  }
  return { frame: { width: map.width, height: map.height, channels: 3, data }, min, max };
}

function colourAt(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}
