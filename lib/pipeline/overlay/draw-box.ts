import type { Box, Frame } from '../values';

export type Rgb = [number, number, number];

/** Outlines a box (clipped to the frame) with lines `thickness` pixels wide, drawn inside the box. */
export function drawBox(rgb: Frame & { channels: 3 }, box: Box, color: Rgb, thickness: number): void {
  const x0 = Math.max(0, Math.round(box[0]));
  const y0 = Math.max(0, Math.round(box[1]));
  const x1 = Math.min(rgb.width, Math.round(box[0] + box[2]));
  const y1 = Math.min(rgb.height, Math.round(box[1] + box[3]));
  if (x1 <= x0 || y1 <= y0) return;
  const t = Math.max(1, Math.round(thickness));
  const fill = (ax: number, ay: number, bx: number, by: number) => {
    for (let y = Math.max(ay, y0); y < Math.min(by, y1); y++) {
      for (let x = Math.max(ax, x0); x < Math.min(bx, x1); x++) rgb.data.set(color, 3 * (y * rgb.width + x));
    }
  };
  fill(x0, y0, x1, y0 + t); // top
  fill(x0, y1 - t, x1, y1); // bottom
  fill(x0, y0, x0 + t, y1); // left
  fill(x1 - t, y0, x1, y1); // right
}
