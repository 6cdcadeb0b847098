/**
 * What a preview answers: per frame, per node, what came out of it, drawn as pictures the browser
 * can show (PNG data URLs) plus the numbers behind them. Plain data, shared by route and editor.
 */
import type { Problem } from '../pipeline/problems';
import type { Box, DefectRecord } from '../pipeline/values';

export type PortPreview =
  | { port: string; type: 'Frame'; image: string; width: number; height: number; channels: 1 | 3 }
  /** `image` is the map alone in a colour map (low = dark blue, high = yellow); `overlay` tints the model's input frame. */
  | { port: string; type: 'AnomalyMap'; image: string; overlay?: string; width: number; height: number; score: number; min: number; max: number }
  | { port: string; type: 'Detections'; image?: string; detections: { box: Box; label: string; score: number }[] }
  | { port: string; type: 'Classification'; label: string; score: number }
  | { port: string; type: 'Verdict'; pass: boolean; reasons: string[]; defects: DefectRecord[] }
  | { port: string; type: 'Tensor'; dims: number[] }
  | { port: string; type: 'Other'; text: string };

export interface NodePreview {
  /** Time the stage took for this frame (the runtime's own per-stage timing). */
  ms?: number;
  /** A preprocessing node fused into this model stage: its picture is recomputed, its time is the model's. */
  fusedInto?: string;
  /** Sinks and triggers do not run in a preview (nothing is written; frames are taken at once). */
  skipped?: 'sink' | 'trigger';
  error?: Problem;
  outputs: PortPreview[];
}

export interface PreviewFrame {
  id: string;
  origin: string;
  verdict: 'pass' | 'fail' | 'error';
  latencyMs: number;
  /** Why the frame failed, when it did (the node it names shows it too). */
  error?: Problem;
  nodes: Record<string, NodePreview>;
}

export interface PreviewResult {
  frames: PreviewFrame[];
  /** What the preview did differently from a real run, in words for the panel. */
  notes: string[];
}
