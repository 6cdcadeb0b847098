import type { FrameShape, PreprocessOp } from '../preprocess-ops';

/** What is known about the frame after the ops, given what is known before them. */
export function shapeAfterOps(shape: FrameShape, ops: readonly PreprocessOp[]): FrameShape {
  let out: FrameShape = { ...shape };
  for (const op of ops) out = shapeAfterOp(out, op);
  return out;
}

export function shapeAfterOp(shape: FrameShape, op: PreprocessOp): FrameShape {
  switch (op.op) {
    case 'crop':
    case 'resize':
      return { ...shape, width: op.width, height: op.height };
    case 'grayscale':
      return { ...shape, channels: 1 };
    case 'normalize':
      return { ...shape };
  }
}
