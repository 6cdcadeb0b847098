/**
 * SSD-style heads with decoded boxes, as UltraFace exports them: `scores` [anchors, C] with class
 * 0 = background, and `boxes` [anchors, 4] as normalised corners (x1, y1, x2, y2).
 */
import type { Candidate } from './candidate';

export interface SsdHead {
  scores: Float32Array;
  boxes: Float32Array;
  anchors: number;
  classes: number;
}

export function decodeSsd(head: SsdHead, input: { width: number; height: number }, scoreThreshold: number): Candidate[] {
  const { scores, boxes, anchors, classes } = head;
  const out: Candidate[] = [];
  for (let a = 0; a < anchors; a++) {
    let best = -Infinity;
    let classId = 1;
    // With a single score column there is no background column to skip.
    for (let c = classes > 1 ? 1 : 0; c < classes; c++) {
      const v = scores[a * classes + c];
      if (v > best) {
        best = v;
        classId = c;
      }
    }
    if (!(best > scoreThreshold)) continue;
    const x1 = boxes[a * 4] * input.width;
    const y1 = boxes[a * 4 + 1] * input.height;
    const x2 = boxes[a * 4 + 2] * input.width;
    const y2 = boxes[a * 4 + 3] * input.height;
    out.push({ box: [x1, y1, x2 - x1, y2 - y1], classId, score: best });
  }
  return out;
}
