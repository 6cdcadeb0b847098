/**
 * FastestDet's single-scale grid head, [5 + C, H, W] per image: per cell objectness, box (x and y
 * offsets in cells, width and height relative to the image) and C class scores, already
 * activated by the model. Follows the authors' post-processing (dog-qiuqiu/FastestDet, the ncnn
 * example): score = objectness^0.6 · best class^0.4, centre = (cell + tanh(offset)) / grid size,
 * size = sigmoid(w, h).
 */
import type { Candidate } from './candidate';

export interface GridHead {
  /** One image's output, channel-major [5 + C, gridH, gridW]. */
  data: Float32Array;
  channels: number;
  gridH: number;
  gridW: number;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

export function decodeFastestDet(head: GridHead, input: { width: number; height: number }, scoreThreshold: number): Candidate[] {
  const { data, channels, gridH, gridW } = head;
  const plane = gridH * gridW;
  const out: Candidate[] = [];
  // objectness^0.6 > threshold ⇔ objectness > threshold^(1/0.6); the floor sits a hair lower so
  // rounding can never skip a cell the exact score would keep.
  const objectnessFloor = scoreThreshold > 0 ? Math.pow(scoreThreshold, 1 / 0.6) * (1 - 1e-9) : -Infinity;
  for (let gy = 0; gy < gridH; gy++) {
    for (let gx = 0; gx < gridW; gx++) {
      const cell = gy * gridW + gx;
      const obj = data[cell];
      // Class scores are probabilities (≤ 1), so a cell whose objectness alone cannot pass skips
      // the class scan: nearly every cell, and most of the decoding time.
      if (!(obj > objectnessFloor)) continue;
      let best = 0;
      let classId = 0;
      for (let c = 5; c < channels; c++) {
        const v = data[c * plane + cell];
        if (v > best) {
          best = v;
          classId = c - 5;
        }
      }
      const score = Math.pow(Math.max(0, obj), 0.6) * Math.pow(best, 0.4);
      if (!(score > scoreThreshold)) continue;
      const cx = ((gx + Math.tanh(data[plane + cell])) / gridW) * input.width;
      const cy = ((gy + Math.tanh(data[2 * plane + cell])) / gridH) * input.height;
      const w = sigmoid(data[3 * plane + cell]) * input.width;
      const h = sigmoid(data[4 * plane + cell]) * input.height;
      out.push({ box: [cx - w / 2, cy - h / 2, w, h], classId, score });
    }
  }
  return out;
}
