/**
 * Which precisions the search may give a node, lowest (cheapest) first, from the target's
 * profile. For speed only precisions the target runs natively are worth a node: on CPU (and wasm)
 * FP16 computes in FP32 behind casts, so a CPU search chooses INT8 or FP32 per node; on CUDA and
 * WebGPU INT8 is dequantized to FP32 kernels, so the choice there is FP16 or FP32. For size every
 * step down saves bytes on any target, so the ladder is INT8 → FP16 → FP32.
 */
import { TARGET_PROFILES, type ProfilePrecision, type TargetId } from '../targets/profiles';

export type NodePrecision = ProfilePrecision;
export type Objective = 'speed' | 'size';

export function precisionLadder(target: TargetId, objective: Objective): NodePrecision[] {
  if (objective === 'size') return ['int8', 'fp16', 'fp32'];
  const profile = TARGET_PROFILES[target];
  const native = profile.fastest.filter((p) => p === 'fp32' || profile.precisions[p].support === 'native');
  // Cheapest first, FP32 last: the search raises a node one rung at a time.
  return [...native.filter((p) => p !== 'fp32'), 'fp32'];
}

/** Why the ladder is what it is, for the result's notes. */
export function ladderNote(target: TargetId, objective: Objective, ladder: NodePrecision[]): string {
  const skipped = (['int8', 'fp16'] as const).filter((p) => !ladder.includes(p));
  const why = skipped.map((p) => `${p.toUpperCase()} skipped: ${TARGET_PROFILES[target].precisions[p].note}`);
  return [`per-node choices for ${objective} on ${target}: ${ladder.map((p) => p.toUpperCase()).join(' → ')}`, ...why].join('; ');
}
