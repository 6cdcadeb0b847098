/**
 * Where X / s can be folded so no op is added: walk back from X through ops that commute with a
 * positive per-channel scale (Relu, LeakyRelu, MaxPool, average pools, Flatten of a 1×1 map,
 * Identity, and an Add of a per-channel constant, whose constant is divided too) to the op that
 * makes the channels (Conv, Gemm, 2-D MatMul, BatchNormalization, Mul by a per-channel constant,
 * e.g. a decomposed LayerNorm's γ) and divide its output channel j by s_j there. Every tensor on the way must feed only this path and
 * not be a graph output, and the constants changed must belong to that op alone; otherwise undefined.
 */
import { DT, intAttr, type GraphProto, type NodeProto, type TensorProto } from '../quantize/proto';
import { dimsOf } from '../quantize/tensor-data';
import { scaleAlong } from './channel-scales';

const ELEMENTWISE = new Set(['Relu', 'LeakyRelu', 'Identity']);
/** Ops that keep channels on axis 1 (NC…); only valid when the target's channels are on axis 1. */
const SPATIAL = new Set(['MaxPool', 'AveragePool', 'GlobalAveragePool', 'GlobalMaxPool', 'Flatten']);

export interface Fold {
  /** The op whose output channels absorb 1/s. */
  node: NodeProto;
  apply(inverse: Float32Array): void;
}

/**
 * `fromRight`: where the channels sit counted from the last axis (0 for MatMul and Gemm inputs, 2
 * for a 2-D Conv's NCHW), needed to tell a per-channel constant from one that broadcasts elsewhere.
 */
export function findFold(graph: GraphProto, tensor: string, axis: number, channels: number, readers: Set<NodeProto>, fromRight?: number): Fold | undefined {
  const producer = new Map<string, NodeProto>();
  const consumers = new Map<string, NodeProto[]>();
  for (const n of graph.node) {
    for (const o of n.output) producer.set(o, n);
    for (const i of n.input) if (i) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  }
  const outputs = new Set(graph.output.map((o) => o.name!));
  const inits = new Map(graph.initializer.map((t) => [t.name!, t]));
  const uses = (name: string) => graph.node.reduce((k, n) => k + n.input.filter((i) => i === name).length, 0);
  const own = (name: string | undefined): TensorProto | undefined => {
    const t = name ? inits.get(name) : undefined;
    return t && t.dataType === DT.FLOAT && uses(name!) === 1 ? t : undefined;
  };

  let cur = tensor;
  let allowed = readers;
  let right = fromRight;
  const extras: { t: TensorProto; axis: number }[] = [];
  const withExtras = (fold: Fold | undefined): Fold | undefined =>
    fold && { node: fold.node, apply: (inv) => (fold.apply(inv), extras.forEach((e) => scaleAlong(e.t, e.axis, inv))) };
  for (;;) {
    if (outputs.has(cur) || (consumers.get(cur) ?? []).some((c) => !allowed.has(c))) return undefined;
    const p = producer.get(cur);
    if (!p || p.domain || p.output.length !== 1) return undefined;
    const op = p.opType!;
    if (ELEMENTWISE.has(op) || (SPATIAL.has(op) && axis === 1)) {
      cur = p.input[0];
      allowed = new Set([p]);
      // Past a pool or Flatten the rank may differ: no per-channel constant can be placed any more.
      if (SPATIAL.has(op)) right = undefined;
      continue;
    }
    if ((op === 'Add' || op === 'Mul') && p.input.length === 2) {
      const k = p.input.findIndex((i) => inits.has(i));
      const c = k >= 0 && !inits.has(p.input[1 - k]) ? own(p.input[k]) : undefined;
      const at = c && right !== undefined ? channelAxisOf(dimsOf(c), channels, right) : undefined;
      if (!c || at === undefined) return undefined;
      extras.push({ t: c, axis: at });
      if (op === 'Mul') return withExtras({ node: p, apply: () => undefined });
      cur = p.input[1 - k];
      allowed = new Set([p]);
      continue;
    }
    return withExtras(foldInto(p, axis, channels, own));
  }
}

function foldInto(p: NodeProto, axis: number, channels: number, own: (name: string | undefined) => TensorProto | undefined): Fold | undefined {
  const w = own(p.input[1]);
  const bias = p.input[2] ? own(p.input[2]) : undefined;
  if (!w || (p.input[2] && !bias)) return undefined;
  const dims = dimsOf(w);
  const biasOk = !bias || dimsOf(bias).filter((d) => d !== 1).length <= 1;
  const fits = (wAxis: number) => dims[wAxis] === channels && biasOk && (!bias || dimsOf(bias).reduce((a, b) => a * b, 1) === channels);
  const make = (wAxis: number, extra: TensorProto[] = []): Fold | undefined =>
    fits(wAxis) ? { node: p, apply: (inv) => [w, ...extra].forEach((t, i) => scaleAlong(t, i === 0 ? wAxis : lastAxis(t), inv)) } : undefined;
  switch (p.opType) {
    case 'Conv':
      return axis === 1 ? make(0, bias ? [bias] : []) : undefined;
    case 'Gemm':
      // Output [N, M]: channels are axis 1 and the last axis alike.
      return intAttr(p, 'transA', 0) === 0 && dims.length === 2 ? make(intAttr(p, 'transB', 0) ? 0 : 1, bias ? [bias] : []) : undefined;
    case 'MatMul':
      return axis === -1 && dims.length === 2 ? make(1) : undefined;
    case 'BatchNormalization': {
      // Inputs: X, scale, B, mean, var — y = scale·(x − mean)/σ + B, so scale and B carry 1/s.
      const b = own(p.input[2]);
      if (axis !== 1 || !b || dims.length !== 1 || dims[0] !== channels) return undefined;
      return { node: p, apply: (inv) => [w, b].forEach((t) => scaleAlong(t, 0, inv)) };
    }
    default:
      return undefined;
  }
}

const lastAxis = (t: TensorProto) => Math.max(0, dimsOf(t).length - 1);

/** The axis of a constant that holds one value per channel (every other dim 1), else undefined. */
function channelAxisOf(dims: number[], channels: number, fromRight: number): number | undefined {
  const at = dims.length - 1 - fromRight;
  return at >= 0 && dims[at] === channels && dims.every((d, i) => i === at || d === 1) ? at : undefined;
}
