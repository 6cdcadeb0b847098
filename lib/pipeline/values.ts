/** The values that travel along edges, one per port type. All are plain data (structured-clone safe). */
import type { Problem } from './problems';

/** Pixels, row-major, channels interleaved (HWC), 8 bits per channel. */
export interface Frame {
  width: number;
  height: number;
  /** 1 = gray, 3 = RGB. */
  channels: 1 | 3;
  data: Uint8Array;
}

export type Box = [x: number, y: number, width: number, height: number];

export interface TruthDefect {
  kind: string;
  box: Box;
}

/** What really is on the part, when the source knows it (synthetic parts, labelled folders). */
export interface GroundTruth {
  defective: boolean;
  defects: TruthDefect[];
}

/** Identity of one inspected part as it enters the pipeline. */
export interface FrameInfo {
  id: string;
  seq: number;
  /** Where it came from: a file path, or `synthetic:<seed>:<n>`. */
  origin: string;
  capturedAt: number;
  truth?: GroundTruth;
  /** Set by the runtime when a stage failed on this frame; later stages are skipped, sinks still see it. */
  error?: Problem;
}

export interface Tensor {
  dims: number[];
  data: Float32Array;
}

export interface Classification {
  classId: number;
  label: string;
  score: number;
  scores: number[];
}

export interface Detection {
  /** In the pixel coordinates of the frame that entered the model's preprocessing. */
  box: Box;
  classId: number;
  label: string;
  score: number;
}

export type Detections = Detection[];

export interface AnomalyMap {
  width: number;
  height: number;
  data: Float32Array;
  /** Image-level anomaly score. */
  score: number;
}

export interface DefectRecord {
  kind: string;
  score: number;
  box?: Box;
}

export interface Verdict {
  pass: boolean;
  /** Why it failed, in words an inspector reads. Empty when it passed. */
  reasons: string[];
  defects: DefectRecord[];
}

export type Trigger = { firedAt: number };

export type ErrorValue = { error: Problem };
