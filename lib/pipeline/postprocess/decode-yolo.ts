/**
 * YOLO-style heads, one row per box: [cx, cy, w, h, objectness, C class scores] (YOLOv5/v7) or
 * [cx, cy, w, h, C class scores] (YOLOv8+, usually stored transposed as [4 + C, boxes]). Box
 * coordinates are in input-tensor pixels, as those exporters write them.
 */
import type { Candidate } from './candidate';

export interface YoloHead {
  /** One image's output, [boxes, features] or, when transposed, [features, boxes]. */
  data: Float32Array;
  boxes: number;
  features: number;
  transposed: boolean;
  objectness: boolean;
}

export function decodeYolo(head: YoloHead, scoreThreshold: number): Candidate[] {
  const { data, boxes, features, transposed, objectness } = head;
  const at = transposed ? (b: number, f: number) => data[f * boxes + b] : (b: number, f: number) => data[b * features + f];
  const firstClass = objectness ? 5 : 4;
  const out: Candidate[] = [];
  for (let b = 0; b < boxes; b++) {
    const obj = objectness ? at(b, 4) : 1;
    if (!(obj > scoreThreshold) && objectness) continue;
    let best = -Infinity;
    let classId = 0;
    for (let f = firstClass; f < features; f++) {
      const v = at(b, f);
      if (v > best) {
        best = v;
        classId = f - firstClass;
      }
    }
    const score = features > firstClass ? obj * best : obj;
    if (!(score > scoreThreshold)) continue;
    const w = at(b, 2);
    const h = at(b, 3);
    out.push({ box: [at(b, 0) - w / 2, at(b, 1) - h / 2, w, h], classId, score });
  }
  return out;
}
