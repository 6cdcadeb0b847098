/**
 * Rewrites the main graph to the planned types: converts weights and Constants, retypes tensors,
 * and inserts one Cast per (tensor, target type) right after the tensor's producer, so node
 * order stays topological. Graph outputs keep their names: when an output's producer works in
 * the other type, the producer's tensor is renamed and a Cast writes the output name.
 */
import type { ClampCounts } from './half';
import type { Half, TypePlan } from './demands';
import type { Role } from './classify';
import { FLOAT, FLOAT16, makeAttr, makeNode, onnx, type GraphProto, type NodeProto, type ValueInfoProto } from './proto';
import { renameInSubgraphs } from './scopes';
import { halfTensorOf, toHalfTensor, type HalfLimits } from './tensors';

export interface RewriteStats {
  casts: number;
  initializersConverted: number;
  initializersKept: number;
  counts: ClampCounts;
}

export function rewriteGraph(graph: GraphProto, roles: Role[], plan: TypePlan, limits: HalfLimits): RewriteStats {
  const stats: RewriteStats = { casts: 0, initializersConverted: 0, initializersKept: 0, counts: { clampedLarge: 0, raisedTiny: 0 } };
  const taken = new Set<string>(allNames(graph));
  const fresh = (base: string) => {
    let name = base;
    for (let k = 1; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  };
  const suffix = (t: Half) => (t === FLOAT16 ? 'fp16' : 'fp32');

  // Graph outputs produced in the wrong type: the producer writes a renamed tensor instead.
  const renames = new Map<string, string>();
  const castOut = new Map<string, string>();
  for (const [out, want] of plan.outputDemands) {
    const produced = plan.produced.get(out);
    if (produced === undefined || produced === want) continue;
    const renamed = fresh(`${out}_${suffix(produced)}`);
    renames.set(out, renamed);
    castOut.set(`${renamed}|${want}`, out);
  }
  const R = (n: string) => renames.get(n) ?? n;

  const pending = new Map<string, NodeProto[]>();
  const castInfos: { name: string; source: string; to: Half }[] = [];
  const emitted = new Set<string>();
  const castFor = (source: string, to: Half): string => {
    const key = `${R(source)}|${to}`;
    let out = castOut.get(key);
    if (out && emitted.has(key)) return out;
    emitted.add(key);
    out ??= fresh(`${R(source)}_${suffix(to)}`);
    castOut.set(key, out);
    const cast = makeNode({
      opType: 'Cast',
      name: fresh(`${out}_cast`),
      input: [R(source)],
      output: [out],
      attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: to }],
    });
    pending.set(source, [...(pending.get(source) ?? []), cast]);
    castInfos.push({ name: out, source, to });
    stats.casts++;
    return out;
  };

  graph.node.forEach((node, k) => {
    const demands = plan.inputDemands[k];
    node.input = node.input.map((name, i) => {
      const want = demands.get(String(i));
      return want !== undefined && want !== plan.produced.get(name) ? castFor(name, want) : R(name);
    });
    const outer = new Map<string, string>();
    for (const [ref, want] of plan.outerDemands[k]) outer.set(ref, want !== plan.produced.get(ref) ? castFor(ref, want) : R(ref));
    if (outer.size > 0) renameInSubgraphs(node, outer);
    retypeNode(node, roles[k], plan, limits, stats.counts);
    node.output = node.output.map(R);
  });
  for (const [out, want] of plan.outputDemands) if (renames.has(out)) castFor(out, want);

  graph.initializer = graph.initializer.map((t) => {
    const half = plan.produced.get(t.name!) === FLOAT16;
    if (plan.produced.has(t.name!)) stats[half ? 'initializersConverted' : 'initializersKept']++;
    const out = half ? toHalfTensor(t, limits, stats.counts) : t;
    out.name = R(t.name!);
    return out;
  });

  // Casts of graph inputs and initializers come first; the others right after their producer.
  const order: NodeProto[] = [];
  const producers = new Set(graph.node.flatMap((n) => n.output.map((o) => o)));
  for (const [source, casts] of pending) if (!producers.has(R(source))) order.push(...casts);
  for (const node of graph.node) {
    order.push(node);
    for (const out of node.output) {
      const original = [...renames].find(([, r]) => r === out)?.[0] ?? out;
      order.push(...(pending.get(original) ?? []));
    }
  }
  graph.node = order;
  retypeValueInfos(graph, plan, renames, castInfos);
  return stats;
}

/** Nodes whose own attributes carry the type: Cast's `to`, Constant's value, ConstantOfShape's value. */
function retypeNode(node: NodeProto, role: Role, plan: TypePlan, limits: HalfLimits, counts: ClampCounts): void {
  const half = plan.produced.get(node.output[0]) === FLOAT16;
  if (!half || (role.kind !== 'convert' && role.kind !== 'source')) return;
  if (node.opType === 'Cast') {
    for (const a of node.attribute) if (a.name === 'to') a.i = FLOAT16;
    return;
  }
  if (node.opType === 'ConstantOfShape' && !node.attribute.some((a) => a.name === 'value')) {
    node.attribute.push(makeAttr({ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: halfTensorOf([0], [1], limits, counts) }));
    return;
  }
  const T = onnx.AttributeProto.AttributeType;
  node.attribute = node.attribute.map((a) => {
    if (a.name === 'value' && a.t) {
      a.t = toHalfTensor(a.t as never, limits, counts);
      return a;
    }
    if (a.name === 'value_float') return makeAttr({ name: 'value', type: T.TENSOR, t: halfTensorOf([a.f!], [], limits, counts) });
    if (a.name === 'value_floats') {
      return makeAttr({ name: 'value', type: T.TENSOR, t: halfTensorOf(a.floats, [a.floats.length], limits, counts) });
    }
    return a;
  });
}

function retypeValueInfos(graph: GraphProto, plan: TypePlan, renames: Map<string, string>, casts: { name: string; source: string; to: Half }[]): void {
  const shapes = new Map<string, ValueInfoProto>();
  for (const vi of [...graph.input, ...graph.valueInfo, ...graph.output]) shapes.set(vi.name!, vi as ValueInfoProto);
  const setType = (vi: ValueInfoProto, t: number) => {
    if (vi.type?.tensorType) vi.type.tensorType.elemType = t;
  };
  for (const vi of graph.input) {
    const t = plan.produced.get(vi.name!);
    if (t !== undefined) setType(vi as ValueInfoProto, t);
    vi.name = renames.get(vi.name!) ?? vi.name;
  }
  for (const vi of graph.valueInfo) {
    const t = plan.produced.get(vi.name!);
    if (t !== undefined) setType(vi as ValueInfoProto, t);
    vi.name = renames.get(vi.name!) ?? vi.name;
  }
  for (const vi of graph.output) {
    const t = plan.outputDemands.get(vi.name!);
    if (t !== undefined) setType(vi as ValueInfoProto, t);
  }
  for (const c of casts) {
    const like = shapes.get(c.source);
    const copy = like ? onnx.ValueInfoProto.decode(onnx.ValueInfoProto.encode(like).finish()) : undefined;
    if (!copy?.type?.tensorType || graph.output.some((o) => o.name === c.name)) continue;
    copy.name = c.name;
    copy.type.tensorType.elemType = c.to;
    graph.valueInfo.push(copy);
  }
  // A renamed graph output keeps a value_info entry under its new name, in the producer's type.
  for (const [out, renamed] of renames) {
    const like = shapes.get(out);
    if (!like?.type?.tensorType || graph.valueInfo.some((v) => v.name === renamed)) continue;
    const copy = onnx.ValueInfoProto.decode(onnx.ValueInfoProto.encode(like).finish());
    copy.name = renamed;
    copy.type!.tensorType!.elemType = plan.produced.get(out) ?? FLOAT;
    graph.valueInfo.push(copy);
  }
}

function allNames(graph: GraphProto): string[] {
  return [
    ...graph.input.map((i) => i.name!),
    ...graph.initializer.map((t) => t.name!),
    ...graph.node.flatMap((n) => [...n.input, ...n.output, n.name!]),
    ...graph.output.map((o) => o.name!),
  ];
}
