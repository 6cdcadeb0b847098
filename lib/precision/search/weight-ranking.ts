/**
 * The data-free sensitivity ranking: from the ONNX weights alone, how much each unit's weight
 * loses in INT8 (SQNR in dB of the weight quantized as the search would, per tensor or per
 * channel) and how uneven its output channels' ranges are (largest channel |w|max over the median
 * one: a big spread is what per-tensor scales turn into zeros). Cheap, and a check on the
 * measured ranking: a layer the data says is sensitive usually shows here too.
 */
import { weightAxis } from '../quantize/op-roles';
import { graphOf, type NodeProto } from '../quantize/proto';
import { quantizeWeight } from '../quantize/quantize-weights';
import { dimsOf, floatsOf } from '../quantize/tensor-data';
import { nodeId, type CalibratedModel } from './calibrated-model';

export interface WeightStats {
  /** Weight SQNR in dB after INT8 round-trip; null when the unit has no float weight. */
  weightSqnrDb: number | null;
  /** Max over median of per-output-channel |w|max; null when there is no weight or one channel. */
  channelSpread: number | null;
}

export function weightRanking(cm: CalibratedModel): Map<string, WeightStats> {
  const graph = graphOf(cm.model);
  const inits = new Map(graph.initializer.map((t) => [t.name!, t]));
  const nodes = new Map(graph.node.map((n) => [nodeId(n), n]));
  const out = new Map<string, WeightStats>();
  for (const unit of cm.units) {
    const init = unit.weight ? inits.get(unit.weight) : undefined;
    const node = nodes.get(unit.id);
    if (!init || !node || cm.nonFloat.has(init.name!)) {
      out.set(unit.id, { weightSqnrDb: null, channelSpread: null });
      continue;
    }
    const values = floatsOf(init);
    const dims = dimsOf(init);
    const axis = cm.options.perChannel && dims.length > 1 ? weightAxis(node) : undefined;
    out.set(unit.id, { weightSqnrDb: weightSqnr(values, dims, axis), channelSpread: channelSpread(values, dims, channelAxis(node)) });
  }
  return out;
}

function weightSqnr(values: Float32Array, dims: number[], axis: number | undefined): number {
  const q = quantizeWeight(values, dims, axis);
  const channels = q.scales.length;
  const inner = axis === undefined ? values.length : dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < values.length; i++) {
    const c = channels === 1 ? 0 : Math.floor(i / inner) % channels;
    signal += values[i] ** 2;
    noise += (values[i] - q.values[i] * q.scales[c]) ** 2;
  }
  return sqnrDb(signal, noise);
}

function channelSpread(values: Float32Array, dims: number[], axis: number | undefined): number | null {
  if (axis === undefined || dims.length < 2 || dims[axis] < 2) return null;
  const channels = dims[axis];
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const max = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    max[c] = Math.max(max[c], Math.abs(values[i]));
  }
  const sorted = [...max].sort((a, b) => a - b);
  const median = sorted[Math.floor((channels - 1) / 2)];
  // Capped so the number stays JSON (a zero median channel would make it infinite).
  return median > 0 ? Math.min(1e6, Number((sorted[channels - 1] / median).toPrecision(4))) : sorted[channels - 1] > 0 ? 1e6 : 1;
}

/** Output channels of the weight: Conv's axis 0, Gemm's by transB, MatMul's last axis. */
function channelAxis(node: NodeProto): number | undefined {
  return weightAxis(node) ?? (node.opType === 'MatMul' ? 1 : undefined);
}

/** 10·log10(signal/noise), capped at 200 dB when the round trip is exact. */
export function sqnrDb(signal: number, noise: number): number {
  if (noise <= 0) return 200;
  if (signal <= 0) return -200;
  return Math.min(200, Math.round(100 * 10 * Math.log10(signal / noise)) / 100);
}
