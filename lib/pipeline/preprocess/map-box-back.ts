/**
 * A box found in the model's input tensor, mapped back to the pixel coordinates of the frame that
 * entered preprocessing: undo each resize (scale) and crop (shift) from last to first. Box edges
 * are continuous coordinates, so a resize scales them by exactly size-before / size-after.
 */
import type { PreprocessOp } from '../preprocess-ops';
import type { Box } from '../values';

export function mapBoxBack(box: Box, ops: readonly PreprocessOp[], entering: { width: number; height: number }): Box {
  const steps: { op: PreprocessOp; width: number; height: number }[] = [];
  let size = { width: entering.width, height: entering.height };
  for (const op of ops) {
    if (op.op !== 'crop' && op.op !== 'resize') continue;
    steps.push({ op, ...size });
    size = { width: op.width, height: op.height };
  }
  let [x, y, w, h] = box;
  for (const { op, width, height } of steps.reverse()) {
    if (op.op === 'crop') {
      x += op.x;
      y += op.y;
    } else if (op.op === 'resize') {
      const sx = width / op.width;
      const sy = height / op.height;
      x *= sx;
      w *= sx;
      y *= sy;
      h *= sy;
    }
  }
  return [x, y, w, h];
}

/** Clips a box to the frame; a box wholly outside keeps zero size at the nearest edge. */
export function clipBox(box: Box, frame: { width: number; height: number }): Box {
  const x1 = Math.min(frame.width, Math.max(0, box[0]));
  const y1 = Math.min(frame.height, Math.max(0, box[1]));
  const x2 = Math.min(frame.width, Math.max(0, box[0] + box[2]));
  const y2 = Math.min(frame.height, Math.max(0, box[1] + box[3]));
  return [x1, y1, x2 - x1, y2 - y1];
}
