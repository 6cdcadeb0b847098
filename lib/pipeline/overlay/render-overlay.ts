/**
 * The picture sink.images saves: the frame in colour, the anomaly map as a red heat tint, and
 * each detection as a rectangle in its class's colour. Pure pixel code, runs anywhere.
 */
import type { AnomalyMap, Detections, Frame } from '../values';
import { drawBox, type Rgb } from './draw-box';
import { blendHeat } from './heat-overlay';
import { toRgb } from './to-rgb';

/** Distinct, saturated colours that stay visible on grey metal and on the red heat tint. */
export const BOX_COLORS: Rgb[] = [
  [0, 255, 0],
  [0, 200, 255],
  [255, 255, 0],
  [255, 0, 255],
  [255, 128, 0],
  [0, 128, 255],
  [128, 255, 128],
  [255, 255, 255],
];

export function renderOverlay(frame: Frame, layers: { detections?: Detections; anomaly?: AnomalyMap }): Frame {
  const rgb = toRgb(frame);
  if (layers.anomaly) blendHeat(rgb, layers.anomaly);
  const thickness = Math.max(1, Math.round(Math.min(rgb.width, rgb.height) / 200));
  for (const d of layers.detections ?? []) {
    const color = BOX_COLORS[Math.abs(Math.trunc(d.classId) || 0) % BOX_COLORS.length];
    drawBox(rgb, d.box, color, thickness);
  }
  return rgb;
}
