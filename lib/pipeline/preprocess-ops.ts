/** Preprocessing steps in a form the compiler can fuse into one pass over the pixels. */
export type PreprocessOp =
  | { op: 'crop'; x: number; y: number; width: number; height: number }
  | { op: 'resize'; width: number; height: number; filter: 'bilinear' | 'nearest' }
  | { op: 'grayscale' }
  | { op: 'normalize'; scale: number; mean: number[]; std: number[]; order: 'rgb' | 'bgr' };

/** What is known about a frame's shape at compile time; undefined = decided per frame. */
export interface FrameShape {
  width?: number;
  height?: number;
  channels?: 1 | 3;
}
