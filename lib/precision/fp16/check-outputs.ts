/**
 * Runs the FP32 model and its FP16 variant on the same sample inputs in ONNX Runtime and refuses
 * the variant if float16 produces NaN/Inf anywhere FP32 does not — naming the first node where
 * it happens and which nodes to block. Otherwise reports how close each output is to FP32.
 * Every intermediate is checked, not just the outputs (see expose.ts for why).
 */
import * as ort from 'onnxruntime-node';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { compareOutput, floatsOf } from './compare';
import { exposeIntermediates } from './expose';
import { locateOverflow, type Overflow } from './locate-overflow';
import type { Fp16Report, OutputComparison } from './report';
import { syntheticSample, toFeeds, type SampleFeed } from './samples';

export interface CheckOptions {
  /** Sample inputs (float32 values by input name); a synthetic one is used when absent. */
  samples?: SampleFeed[];
}

export type Fp16Check = NonNullable<Fp16Report['check']>;
export type CheckResult = { ok: true; check: Fp16Check } | { ok: false; problems: Problem[]; overflow?: Overflow };

export async function checkFp16Outputs(fp32: Uint8Array, fp16: Uint8Array, options: CheckOptions = {}): Promise<CheckResult> {
  const e32 = exposeIntermediates(fp32);
  const e16 = exposeIntermediates(fp16);
  const sessions: ort.InferenceSession[] = [];
  try {
    const s32 = await ort.InferenceSession.create(e32.bytes, { logSeverityLevel: 3 });
    sessions.push(s32);
    let s16: ort.InferenceSession;
    try {
      s16 = await ort.InferenceSession.create(e16.bytes, { logSeverityLevel: 3 });
    } catch (err) {
      return fail(problem('internal', `ONNX Runtime cannot load the FP16 variant: ${(err as Error).message}`));
    }
    sessions.push(s16);
    const synthetic = syntheticSample(s32);
    const samples = options.samples ?? (typeof synthetic === 'string' ? [] : [synthetic]);
    if (samples.length === 0) return fail(problem('model.unsupported', `Cannot check the FP16 variant: ${String(synthetic)}`));
    const fp32Nodes = new Set(e32.graph.node.map((n) => n.name!).filter(Boolean));
    const outputs = e16.graph.output.map((o) => o.name!);
    const worst = new Map<string, OutputComparison>();
    for (const sample of samples) {
      const f32 = toFeeds(s32, sample);
      const f16 = toFeeds(s16, sample);
      if (typeof f32 === 'string' || typeof f16 === 'string') return fail(problem('run.bad-options', `Bad sample input: ${String(typeof f32 === 'string' ? f32 : f16)}`));
      const out32 = await s32.run(f32);
      const out16 = await s16.run(f16);
      const overflow = locateOverflow(e16, fp32Nodes, out16, out32);
      if (overflow) return { ok: false, problems: [overflowProblem(overflow)], overflow };
      for (const name of outputs) {
        if (!out32[name] || !out16[name]) continue;
        const c = compareOutput(name, floatsOf(out32[name]), floatsOf(out16[name]));
        worst.set(name, merge(worst.get(name), c));
      }
    }
    return { ok: true, check: { samples: samples.length, synthetic: !options.samples, outputs: [...worst.values()] } };
  } finally {
    for (const s of sessions) await s.release();
  }
}

function fail(p: Problem): CheckResult {
  return { ok: false, problems: [p] };
}

function overflowProblem(o: Overflow): Problem {
  const block = o.blockNodes.length > 0 ? `blockNodes: ${o.blockNodes.join(', ')}` : 'keeping the model in FP32';
  const what =
    o.at === 'node'
      ? `node "${o.node}" (${o.opType}) is the first whose output overflows float16 — ${o.nonFinite} of ${o.size} values of "${o.tensor}" are NaN/Inf where FP32 is finite; keep it in float32 with ${block}`
      : `the float32 output "${o.tensor}" of "${o.node}" (${o.opType}) is too large for float16 where it feeds float16 nodes (${o.nonFinite} of ${o.size} values become Inf); keep those in float32 too with ${block}`;
  return problem('precision.non-finite', `FP16 variant refused: ${what}`, { path: ['blockNodes'] });
}

/** The worst of two comparisons of the same output (over several samples). */
function merge(a: OutputComparison | undefined, b: OutputComparison): OutputComparison {
  if (!a) return b;
  return {
    name: a.name,
    maxAbsDiff: Math.max(a.maxAbsDiff, b.maxAbsDiff),
    relativeError: Math.max(a.relativeError, b.relativeError),
    cosine: Math.min(a.cosine, b.cosine),
    nonFinite: a.nonFinite + b.nonFinite,
  };
}
