/**
 * Smooths a (prepared, FP32) model in place: for each group of readers of one activation X, the
 * scales s from X's per-channel maxima and the readers' weights; W[:, j] · s_j in every reader,
 * and X / s folded into the op that makes X (see fold.ts) or, when that is impossible, an
 * inserted Mul by 1/s in front of the readers. All scales are computed from the original
 * weights before anything changes, so the order of groups does not matter. The FP32 function is
 * unchanged up to rounding; what changes is how evenly X's channels share one INT8 scale.
 */
import { floatTensor } from '../quantize/tensor-data';
import { graphOf, onnx, type ModelProto, type NodeProto } from '../quantize/proto';
import { smoothingScales, scaleAlong } from './channel-scales';
import { findFold } from './fold';
import type { SmoothGroup } from './targets';

export interface SmoothingReport {
  alpha: number;
  /** Activations smoothed, and for each how: folded into a named op or an inserted Mul. */
  smoothed: { tensor: string; readers: string[]; foldedInto?: string; insertedMul?: string }[];
}

export function applySmoothing(model: ModelProto, groups: SmoothGroup[], channelMax: Map<string, Float32Array>, alpha: number): SmoothingReport {
  const graph = graphOf(model);
  const plans = groups
    .map((g) => ({ g, xMax: channelMax.get(g.tensor) }))
    // One channel cannot be balanced against itself: smoothing it changes nothing but adds work.
    .filter((p): p is { g: SmoothGroup; xMax: Float32Array } => !!p.xMax && p.xMax.length > 1)
    .map(({ g, xMax }) => {
      const s = smoothingScales(xMax, g.targets, alpha);
      const readers = new Set(g.targets.map((t) => t.node));
      return { g, s, fold: findFold(graph, g.tensor, g.axis, s.length, readers, g.fromRight) };
    });
  const report: SmoothingReport = { alpha, smoothed: [] };
  let counter = 0;
  for (const { g, s, fold } of plans) {
    const inverse = s.map((v) => 1 / v);
    for (const t of g.targets) scaleAlong(t.weight, t.weightAxis, s);
    const entry: SmoothingReport['smoothed'][number] = { tensor: g.tensor, readers: g.targets.map((t) => t.node.name || t.node.output[0]) };
    if (fold) {
      fold.apply(inverse);
      entry.foldedInto = fold.node.name || fold.node.output[0];
    } else {
      entry.insertedMul = insertMul(model, g, inverse, counter++);
    }
    report.smoothed.push(entry);
  }
  return report;
}

function insertMul(model: ModelProto, g: SmoothGroup, inverse: Float32Array, k: number): string {
  const graph = graphOf(model);
  const taken = new Set([...graph.node.flatMap((n) => [...n.input, ...n.output]), ...graph.initializer.map((t) => t.name!)]);
  let base = `${g.tensor}_smooth`;
  while (taken.has(base) || taken.has(`${base}_inv`)) base = `${g.tensor}_smooth${k++}`;
  // Channels on axis 1 of an NC… tensor broadcast as [C, 1, …]; on the last axis as [C].
  const rank = g.targets[0].node.opType === 'Conv' ? g.targets[0].weight.dims!.length : 1;
  const shape = g.axis === 1 && rank > 2 ? [inverse.length, ...new Array(rank - 2).fill(1)] : [inverse.length];
  graph.initializer.push(floatTensor(`${base}_inv`, shape, inverse));
  const mul = onnx.NodeProto.create({ opType: 'Mul', name: base, input: [g.tensor, `${base}_inv`], output: [base] }) as NodeProto;
  const readers = new Set(g.targets.map((t) => t.node));
  for (const r of readers) r.input[0] = base;
  const first = graph.node.findIndex((n) => readers.has(n));
  graph.node.splice(first, 0, mul);
  return base;
}
