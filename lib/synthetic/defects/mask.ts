/**
 * A defect is painted as a coverage mask (0..1 per pixel) first, then added to the surface. The mask
 * also gives the ground-truth box: the pixels the defect visibly touches.
 */
import type { Box } from '@/lib/pipeline/values';
import type { Field } from '../field';

export interface Mask {
  width: number;
  height: number;
  data: Float32Array;
  /** Bounds of touched pixels, inclusive; empty while minX > maxX. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function createMask(width: number, height: number): Mask {
  return { width, height, data: new Float32Array(width * height), minX: width, minY: height, maxX: -1, maxY: -1 };
}

/** Keeps the stronger coverage where strokes overlap, so joints of a polyline are not painted twice. */
export function cover(m: Mask, x: number, y: number, value: number): void {
  if (x < 0 || y < 0 || x >= m.width || y >= m.height || value <= 0) return;
  const i = y * m.width + x;
  if (value > m.data[i]) m.data[i] = value;
  if (value >= 0.2) {
    if (x < m.minX) m.minX = x;
    if (x > m.maxX) m.maxX = x;
    if (y < m.minY) m.minY = y;
    if (y > m.maxY) m.maxY = y;
  }
}

/**
 * An anti-aliased segment of the given width from (x0,y0) to (x1,y1); strength s0→s1 along it lets
 * scratches fade out at their ends.
 */
export function stroke(m: Mask, x0: number, y0: number, x1: number, y1: number, width: number, s0 = 1, s1 = 1): void {
  const half = width / 2;
  const pad = half + 1.5;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy || 1e-9;
  const xa = Math.floor(Math.min(x0, x1) - pad);
  const xb = Math.ceil(Math.max(x0, x1) + pad);
  const ya = Math.floor(Math.min(y0, y1) - pad);
  const yb = Math.ceil(Math.max(y0, y1) + pad);
  for (let y = Math.max(ya, 0); y <= Math.min(yb, m.height - 1); y++) {
    for (let x = Math.max(xa, 0); x <= Math.min(xb, m.width - 1); x++) {
      const t = Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / len2));
      const d = Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
      // Coverage of a pixel by a line of this width: 1 inside, a one-pixel ramp at the edge.
      const a = Math.min(1, Math.max(0, half + 0.5 - d));
      const thin = Math.min(1, width);
      cover(m, x, y, a * thin * (s0 + (s1 - s0) * t));
    }
  }
}

/** Adds contrast × mask to the field; returns the box of the touched pixels, or null if none. */
export function applyMask(f: Field, m: Mask, contrast: number): Box | null {
  if (m.maxX < m.minX) return null;
  for (let i = 0; i < m.data.length; i++) if (m.data[i] > 0) f.data[i] += contrast * m.data[i];
  return maskBox(m);
}

export function maskBox(m: Mask): Box | null {
  return m.maxX < m.minX ? null : [m.minX, m.minY, m.maxX - m.minX + 1, m.maxY - m.minY + 1];
}
