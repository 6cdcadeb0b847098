import type { Box } from '../values';

/** A detection before NMS, in the pixel coordinates of the model's input tensor. */
export interface Candidate {
  box: Box;
  classId: number;
  score: number;
}
