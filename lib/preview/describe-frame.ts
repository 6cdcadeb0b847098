/**
 * One previewed frame, node by node: what each stage recorded, its time, and for preprocessing
 * fused into a model (no stage of its own) the picture recomputed from the frame the model got.
 */
import { applyOps } from '../pipeline/preprocess/apply-ops';
import type { Plan } from '../pipeline/plan';
import { getNodeKind } from '../pipeline/registry';
import type { FrameOutcome } from '../pipeline/runtime/run-types';
import type { ImageCodec } from '../pipeline/runtime/services';
import type { Frame } from '../pipeline/values';
import { encodePorts } from './encode-ports';
import type { Recorded } from './preview-kinds';
import type { NodePreview, PreviewFrame } from './preview-types';

export async function describeFrame(outcome: FrameOutcome, plan: Plan, recorded: Map<string, Recorded>, codec: ImageCodec): Promise<PreviewFrame> {
  const nodes: Record<string, NodePreview> = {};
  const fused: [string, NodePreview][] = [];
  for (const stage of plan.stages) {
    const ms = outcome.stageMs[stage.id];
    if (stage.role === 'trigger' || stage.role === 'sink') {
      nodes[stage.id] = { skipped: stage.role, outputs: [] };
      continue;
    }
    const rec = recorded.get(stage.id);
    if (!rec) continue; // an earlier stage failed on this frame, so this one never ran
    if ('error' in rec.outcome) {
      nodes[stage.id] = { ms, error: rec.outcome.error as NodePreview['error'], outputs: [] };
      continue;
    }
    const input = rec.inputs?.frame as Frame | undefined;
    nodes[stage.id] = { ms, outputs: await encodePorts(rec.outcome, getNodeKind(stage.kind)?.outputs ?? {}, input, codec) };
    if (!input || !stage.preprocess) continue;
    for (const [i, nodeId] of stage.fused.entries()) {
      const frame = applyOps(input, stage.preprocess.slice(0, i + 1));
      const outputs = 'error' in frame ? [] : await encodePorts({ frame }, { frame: { type: 'Frame' } }, undefined, codec);
      fused.push([nodeId, { fusedInto: stage.id, outputs }]);
    }
  }
  // A preprocessing node that also runs as its own stage keeps its own record.
  for (const [nodeId, preview] of fused) nodes[nodeId] ??= preview;
  return {
    id: outcome.info.id,
    origin: outcome.info.origin,
    verdict: outcome.verdict,
    latencyMs: outcome.latencyMs,
    ...(outcome.error ? { error: outcome.error } : {}),
    nodes,
  };
}
