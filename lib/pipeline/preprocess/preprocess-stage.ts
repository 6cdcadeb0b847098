/**
 * The stage of a preprocessing node that also feeds something other than a model, so it runs on
 * its own: its one op, applied to each frame as an 8-bit frame.
 */
import type { StageRunner } from '../node-kind';
import type { PreprocessOp } from '../preprocess-ops';
import { problem } from '../problems';
import type { Frame } from '../values';
import { applyOps } from './apply-ops';

export function preprocessStage(op: PreprocessOp, maxBatch: number): StageRunner {
  return {
    maxBatch: Math.max(1, maxBatch),
    run: async (batch) =>
      batch.map((values) => {
        const frame = values.frame as Frame | undefined;
        if (!frame || !(frame.data instanceof Uint8Array)) return { error: problem('frame.stage-failed', `${op.op}: no frame to process`) };
        const out = applyOps(frame, [op]);
        return 'error' in out ? { error: problem('frame.stage-failed', `${op.op} cannot apply to this ${frame.width}×${frame.height} frame: ${out.error}`) } : { frame: out };
      }),
  };
}
