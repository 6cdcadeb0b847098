/**
 * What an FP16 conversion did, in a form for the CLI (`--json`), the Precision Lab and tests:
 * which nodes stayed float32 and why, how many Casts it cost, what happened to the weights, and
 * the size before/after. The output check (check-outputs.ts) adds its measurements.
 */
import type { BlockReason } from './classify';

export interface TensorIo {
  name: string;
  type: 'float32' | 'float16' | 'other';
}

export interface OutputComparison {
  name: string;
  maxAbsDiff: number;
  /** maxAbsDiff divided by the largest |FP32 value| of that output. */
  relativeError: number;
  cosine: number;
  /** Values that are finite in FP32 but NaN/Inf in FP16. */
  nonFinite: number;
}

export interface Fp16Report {
  keepIoTypes: boolean;
  nodes: { total: number; converted: number; keptFloat32: number };
  blocked: { node: string; opType: string; reason: BlockReason }[];
  castsInserted: number;
  initializers: { converted: number; keptFloat32: number; clampedLarge: number; raisedTiny: number };
  inputs: TensorIo[];
  outputs: TensorIo[];
  sizeBytes: { before: number; after: number; ratio: number };
  /** Filled by the output check: FP32 vs FP16 on the sample inputs. */
  check?: { samples: number; synthetic: boolean; outputs: OutputComparison[] };
}

const REASONS: Record<BlockReason, string> = {
  'node-block-list': 'listed in blockNodes',
  'op-block-list': 'op type in blockOps',
  'custom-domain': 'custom-domain op (float16 rules unknown)',
  subgraph: 'holds a subgraph (If/Loop/Scan run in float32)',
  'unknown-type': 'element type of an input/output could not be inferred',
  'no-float16': 'ONNX defines no float16 version of this op',
};

/** Human-readable summary for a terminal. */
export function formatFp16Report(r: Fp16Report): string {
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  const lines = [
    `FP16: ${r.nodes.converted} of ${r.nodes.total} nodes in float16, ${r.nodes.keptFloat32} kept in float32, ${r.castsInserted} Casts inserted`,
    `size ${mb(r.sizeBytes.before)} → ${mb(r.sizeBytes.after)} (${(r.sizeBytes.ratio * 100).toFixed(1)}%)`,
    `weights: ${r.initializers.converted} converted, ${r.initializers.keptFloat32} kept float32; ${r.initializers.clampedLarge} values clamped to ±65504, ${r.initializers.raisedTiny} tiny values raised`,
    `io: inputs ${r.inputs.map((i) => `${i.name}:${i.type}`).join(', ')}; outputs ${r.outputs.map((o) => `${o.name}:${o.type}`).join(', ')}`,
  ];
  for (const b of r.blocked) lines.push(`  float32: ${b.node} (${b.opType}) — ${REASONS[b.reason]}`);
  const check = r.check;
  if (check) {
    lines.push(`check on ${check.samples} ${check.synthetic ? 'synthetic ' : ''}sample(s):`);
    for (const o of check.outputs) {
      lines.push(`  ${o.name}: max |Δ| ${o.maxAbsDiff.toPrecision(3)}, relative ${o.relativeError.toPrecision(3)}, cosine ${o.cosine.toFixed(6)}`);
    }
  }
  return lines.join('\n');
}
