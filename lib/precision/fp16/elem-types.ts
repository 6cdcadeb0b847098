/**
 * Element-type inference over a graph, without ONNX's shape inference: declared types (inputs,
 * initializers, value_info, outputs) plus per-op rules, in node order (ONNX requires topological
 * order). A tensor whose type cannot be known is left out of the map.
 */
import { outputTypes } from './op-rules';
import { attr, DT, elemTypeOf, FLOAT, type GraphProto, type NodeProto } from './proto';

const CODES = { int64: DT.INT64, bool: DT.BOOL, float32: DT.FLOAT };

export function inferElemTypes(graph: GraphProto, outer: ReadonlyMap<string, number> = new Map()): Map<string, number> {
  const types = new Map<string, number>(outer);
  // Declared types of intermediate tensors are hints, used when no rule knows better.
  const hints = new Map<string, number>();
  for (const vi of [...graph.valueInfo, ...graph.output]) {
    const t = elemTypeOf(vi);
    if (t) hints.set(vi.name!, t);
  }
  for (const vi of graph.input) {
    const t = elemTypeOf(vi);
    if (t) types.set(vi.name!, t);
  }
  for (const init of graph.initializer) types.set(init.name!, init.dataType!);
  for (const node of graph.node) {
    const inTypes = node.input.map((n) => (n ? types.get(n) : undefined));
    const outs = nodeOutputTypes(node, inTypes, types);
    node.output.forEach((name, i) => {
      if (!name) return;
      const t = outs[i] ?? hints.get(name);
      if (t) types.set(name, t);
    });
  }
  return types;
}

function nodeOutputTypes(node: NodeProto, inputs: (number | undefined)[], scope: ReadonlyMap<string, number>): (number | undefined)[] {
  const count = node.output.length;
  const all = (t: number | undefined) => Array.from({ length: count }, () => t);
  if (node.domain && node.domain !== 'ai.onnx') return all(undefined);
  switch (node.opType) {
    case 'Cast':
      return all(Number(attr(node, 'to')?.i ?? 0) || undefined);
    case 'Constant':
      return all(constantType(node));
    case 'ConstantOfShape':
      return all(attr(node, 'value')?.t?.dataType ?? FLOAT);
    case 'EyeLike':
    case 'RandomNormalLike':
    case 'RandomUniformLike':
    case 'Bernoulli':
      return all(dtypeAttr(node) ?? inputs[0]);
    case 'RandomNormal':
    case 'RandomUniform':
      return all(dtypeAttr(node) ?? FLOAT);
    case 'QuantizeLinear':
      return all(inputs[2] ?? DT.UINT8);
    case 'DequantizeLinear':
      return all(inputs[1]);
    case 'If':
    case 'Scan':
      return subgraphOutputTypes(node, 0, scope);
    case 'Loop':
      return subgraphOutputTypes(node, 1, scope);
    default:
      return outputTypes(node.opType!, inputs, count, CODES);
  }
}

function constantType(node: NodeProto): number | undefined {
  const a = node.attribute[0];
  if (!a) return undefined;
  if (a.name === 'value') return a.t?.dataType ?? undefined;
  if (a.name === 'value_float' || a.name === 'value_floats') return FLOAT;
  if (a.name === 'value_int' || a.name === 'value_ints') return DT.INT64;
  if (a.name === 'value_string' || a.name === 'value_strings') return DT.STRING;
  return undefined;
}

function dtypeAttr(node: NodeProto): number | undefined {
  const d = attr(node, 'dtype');
  return d ? Number(d.i) : undefined;
}

/** If/Scan outputs follow the body's outputs; Loop skips the body's condition output. */
function subgraphOutputTypes(node: NodeProto, skip: number, scope: ReadonlyMap<string, number>): (number | undefined)[] {
  const body = node.attribute.find((a) => a.g)?.g;
  if (!body) return node.output.map(() => undefined);
  const inner = inferElemTypes(body as GraphProto, scope);
  return node.output.map((_, i) => {
    const out = body.output?.[i + skip];
    return out ? (elemTypeOf(out) ?? inner.get(out.name!)) : undefined;
  });
}
