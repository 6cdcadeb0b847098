/**
 * Preprocessing for a chain that does not end in a model (a sink saving the cropped image …):
 * the same single pass, written as an 8-bit frame. Normalization is skipped here on purpose: it
 * only means something to a model's input tensor, and a Frame must stay viewable 0–255 pixels.
 */
import type { PreprocessOp } from '../preprocess-ops';
import type { Frame } from '../values';
import { runPass } from './fused-kernel';
import { planFusedPass } from './fused-plan';

export function applyOps(frame: Frame, ops: readonly PreprocessOp[]): Frame | { error: string } {
  const plan = planFusedPass(
    ops.filter((o) => o.op !== 'normalize'),
    frame,
  );
  if ('error' in plan) return plan;
  const out = new Uint8ClampedArray(plan.width * plan.height * plan.channels);
  runPass(plan, frame, out, 0, { channel: 1, row: plan.width * plan.channels, pixel: plan.channels });
  return { width: plan.width, height: plan.height, channels: plan.channels, data: new Uint8Array(out.buffer) };
}
