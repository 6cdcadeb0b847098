import type { Endpoint } from './graph';
import type { PreprocessOp } from './preprocess-ops';

export const PLAN_VERSION = 1;

export interface TensorInfo {
  name: string;
  /** Symbolic dimensions are strings (e.g. 'batch'), unknown ones -1. */
  shape: (number | string)[];
  type: string;
}

/** What a model file holds, read from the ONNX file itself. */
export interface ModelInfo {
  path: string;
  sha256: string;
  bytes: number;
  opset: number;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

/** `mixed` is the mixed-precision search's result (`m.mixed.onnx`); a node reaches it through `auto`. */
export type Precision = 'fp32' | 'fp16' | 'int8' | 'mixed' | 'auto';

export interface ModelRef {
  /** The artifact resolved for the chosen precision and target. */
  path: string;
  sha256: string;
  precision: Exclude<Precision, 'auto'>;
  info: ModelInfo;
}

export interface StagePlan {
  id: string;
  kind: string;
  /** Where each input port reads from; fused preprocessing is skipped over. */
  inputs: Record<string, Endpoint>;
  outputs: string[];
  /** Kind-specific, JSON-serialisable configuration produced by the kind's compile. */
  config: unknown;
  /** Node ids whose work this stage does too (fused preprocessing). */
  fused: string[];
  preprocess?: PreprocessOp[];
  model?: ModelRef;
  /** Source and trigger stages run before the stage chain; the rest run in order. */
  role: 'trigger' | 'source' | 'stage' | 'sink';
}

export interface Plan {
  version: typeof PLAN_VERSION;
  target: string;
  graphHash: string;
  stages: StagePlan[];
  models: Record<string, { path: string; sha256: string; precision: string }>;
}
