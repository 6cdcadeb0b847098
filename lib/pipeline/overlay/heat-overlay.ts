import type { AnomalyMap, Frame } from '../values';

/**
 * Tints the frame red where the anomaly map is high. The map is stretched bilinearly to the
 * frame and normalised to its own range, so the hottest spot is always the reddest.
 */
export function blendHeat(rgb: Frame & { channels: 3 }, map: AnomalyMap, maxAlpha = 0.6): void {
  const { width: mw, height: mh, data: m } = map;
  if (mw < 1 || mh < 1 || m.length < mw * mh) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < mw * mh; i++) {
    if (!Number.isFinite(m[i])) continue;
    lo = Math.min(lo, m[i]);
    hi = Math.max(hi, m[i]);
  }
  if (!(hi - lo > 1e-6)) return;
  const at = (x: number, y: number) => {
    const v = m[y * mw + x];
    return Number.isFinite(v) ? (v - lo) / (hi - lo) : 0;
  };
  for (let y = 0; y < rgb.height; y++) {
    const sy = Math.min(mh - 1, Math.max(0, ((y + 0.5) * mh) / rgb.height - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(mh - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < rgb.width; x++) {
      const sx = Math.min(mw - 1, Math.max(0, ((x + 0.5) * mw) / rgb.width - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(mw - 1, x0 + 1);
      const fx = sx - x0;
      const v = (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
      const a = maxAlpha * v;
      const p = 3 * (y * rgb.width + x);
      rgb.data[p] = Math.round(rgb.data[p] * (1 - a) + 255 * a);
      rgb.data[p + 1] = Math.round(rgb.data[p + 1] * (1 - a));
      rgb.data[p + 2] = Math.round(rgb.data[p + 2] * (1 - a));
    }
  }
}
