/**
 * Rewrites the FP32 graph into QDQ form: a QuantizeLinear → DequantizeLinear pair on each planned
 * activation, int8 weights and int32 biases behind a DequantizeLinear, and the float copies of
 * quantized constants removed. ORT's CPU provider then fuses DQ → op → Q into integer kernels.
 * Per-channel weights below opset 13 (DequantizeLinear has no `axis` there) use the com.microsoft
 * QuantizeLinear/DequantizeLinear contrib ops, which ORT fuses the same way.
 */
import { weightAxis } from './op-roles';
import type { QuantPlan } from './plan';
import { DT, graphOf, onnx, type ModelProto, type NodeProto, type TensorProto } from './proto';
import type { QuantParams } from './quant-params';
import { quantizeBias, quantizeConstant, quantizeWeight } from './quantize-weights';
import { dimsOf, floatsOf, floatTensor, intTensor } from './tensor-data';

export interface QdqSettings {
  opset: number;
  perChannel: boolean;
  symmetricActivations: boolean;
  activationType: 'uint8' | 'int8';
  /** See Int8Options.weightType. */
  weightType: 'int8' | 'uint8';
  /** Parameters of every planned non-constant activation (aliases already resolved). */
  params: Map<string, QuantParams>;
}

export function insertQdq(model: ModelProto, plan: QuantPlan, s: QdqSettings): void {
  const graph = graphOf(model);
  const domain = s.opset >= 13 || (s.opset >= 10 && !s.perChannel) ? '' : 'com.microsoft';
  if (domain && !model.opsetImport.some((o) => o.domain === domain)) model.opsetImport.push(onnx.OperatorSetIdProto.create({ domain, version: 1 }));
  const inits = new Map(graph.initializer.map((t) => [t.name!, t]));
  const added: TensorProto[] = [];
  const head: NodeProto[] = [];
  const after = new Map<string, NodeProto[]>();
  const dqName = new Map<string, string>();
  // Short generated names: on a small model the Q/DQ plumbing otherwise outweighs the int8 weights.
  const taken = new Set([...graph.node.flatMap((n) => [...n.input, ...n.output]), ...inits.keys(), ...graph.input.map((i) => i.name!)]);
  let counter = 0;
  const fresh = (): string => {
    let name: string;
    do name = `q${(counter++).toString(36)}`;
    while (taken.has(name));
    return name;
  };
  const sharedZero = new Map<string, string>();
  const zeroPoint = (values: Int8Array | Uint8Array | Int32Array, kind: 'int8' | 'uint8' | 'int32', dims: number[]): string => {
    const key = `${kind}:${dims.join('x')}:${values.join(',')}`;
    if (!sharedZero.has(key)) {
      const name = fresh();
      added.push(intTensor(name, dims, values, kind));
      sharedZero.set(key, name);
    }
    return sharedZero.get(key)!;
  };
  const mk = (opType: string, input: string[], output: string, axis?: number): NodeProto =>
    onnx.NodeProto.create({ opType, domain, input, output: [output], attribute: axis === undefined ? [] : [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: axis }] }) as NodeProto;
  const graphOutputs = new Set(graph.output.map((o) => o.name!));
  const producer = new Map<string, NodeProto>();
  for (const n of graph.node) for (const o of n.output) producer.set(o, n);

  // Activations (and constant operands of Add/Mul/Concat).
  for (const t of plan.activations) {
    const init = inits.get(t);
    if (init) {
      if (init.dataType !== DT.FLOAT) continue;
      const q = quantizeConstant(floatsOf(init), s.activationType, s.symmetricActivations);
      const [qn, sn, dn] = [fresh(), fresh(), fresh()];
      const kind = q.values instanceof Uint8Array ? 'uint8' : 'int8';
      added.push(intTensor(qn, dimsOf(init), q.values, kind), floatTensor(sn, [], q.scales));
      head.push(mk('DequantizeLinear', [qn, sn, zeroPoint(q.zeroPoints, kind, [])], dn));
      dqName.set(t, dn);
      continue;
    }
    const p = s.params.get(t);
    if (!p) continue;
    const [sn, qn] = [fresh(), fresh()];
    added.push(floatTensor(sn, [], [p.scale]));
    const zn = zeroPoint(p.type === 'uint8' ? Uint8Array.of(p.zeroPoint) : Int8Array.of(p.zeroPoint), p.type, []);
    let source = t;
    let out = fresh();
    const prod = producer.get(t);
    if (graphOutputs.has(t) && prod) {
      // The graph output keeps its name: the producer writes a renamed tensor, DQ writes `t`.
      source = fresh();
      prod.output = prod.output.map((o) => (o === t ? source : o));
      out = t;
    }
    const pair = [mk('QuantizeLinear', [source, sn, zn], qn), mk('DequantizeLinear', [qn, sn, zn], out)];
    if (prod) after.set(prod.output[0], [...(after.get(prod.output[0]) ?? []), ...pair]);
    else head.push(...pair);
    dqName.set(t, out);
  }

  // Weights and biases of the quantized nodes.
  const weightDone = new Map<string, { name: string; scales: Float32Array; axis?: number }>();
  for (const node of plan.nodes) {
    const roles = plan.roles.get(node)!;
    const wIndex = roles.indexOf('weight');
    const w = wIndex >= 0 ? inits.get(node.input[wIndex]) : undefined;
    let wq = w ? weightDone.get(w.name!) : undefined;
    if (w && !wq && w.dataType === DT.FLOAT) {
      const dims = dimsOf(w);
      const axis = s.perChannel && dims.length > 1 ? weightAxis(node) : undefined;
      const q = quantizeWeight(floatsOf(w), dims, axis);
      const shape = axis === undefined ? [] : [q.scales.length];
      // The int8 weight keeps the float weight's name (+ "_q"), so a graph viewer still finds it.
      const [qn, sn, dn] = [`${w.name}_q`, fresh(), fresh()];
      // As uint8, the same values shifted by 128 around a zero point of 128 (see Int8Options.weightType).
      const u8 = s.weightType === 'uint8';
      added.push(intTensor(qn, dims, u8 ? Uint8Array.from(q.values, (v) => v + 128) : q.values, s.weightType), floatTensor(sn, shape, q.scales));
      head.push(mk('DequantizeLinear', [qn, sn, zeroPoint(u8 ? new Uint8Array(q.scales.length).fill(128) : q.zeroPoints, s.weightType, shape)], dn, axis));
      wq = { name: dn, scales: q.scales, axis };
      weightDone.set(w.name!, wq);
    }
    const bIndex = roles.indexOf('bias');
    const b = bIndex >= 0 ? inits.get(node.input[bIndex]) : undefined;
    const xParams = s.params.get(node.input[0]);
    let biasName: string | undefined;
    // A Gemm's C of shape [1, N] adds like a 1-D [N]: quantized biases are stored 1-D.
    const bLen = b ? dimsOf(b).reduce((x, y) => x * y, 1) : 0;
    const biasFits = !!b && dimsOf(b).filter((d) => d !== 1).length <= 1 && (node.opType !== 'Gemm' || dimsOf(b).at(-1) === bLen);
    if (wq && b && biasFits && b.dataType === DT.FLOAT && xParams && (wq.scales.length === 1 || wq.scales.length === bLen)) {
      const q = quantizeBias(floatsOf(b), xParams.scale, wq.scales);
      const [base, sn, dn] = [fresh(), fresh(), fresh()];
      const perChannel = wq.scales.length > 1;
      const shape = perChannel ? [q.scales.length] : [];
      const scales = perChannel ? q.scales : q.scales.subarray(0, 1);
      added.push(intTensor(base, [bLen], q.values, 'int32'), floatTensor(sn, shape, scales));
      head.push(mk('DequantizeLinear', [base, sn, zeroPoint(new Int32Array(shape[0] ?? 1), 'int32', shape)], dn, perChannel ? 0 : undefined));
      biasName = dn;
    }
    node.input = node.input.map((name, i) => (i === wIndex && wq ? wq.name : i === bIndex && biasName ? biasName : name));
  }

  // Every consumer of a quantized activation reads its dequantized copy.
  const qdqNodes = new Set([...head, ...[...after.values()].flat()]);
  for (const node of [...graph.node, ...qdqNodes]) {
    if (node.opType === 'QuantizeLinear' && qdqNodes.has(node)) continue;
    node.input = node.input.map((name) => (dqName.has(name) && dqName.get(name) !== name && (!inits.has(name) || plan.nodes.has(node)) ? dqName.get(name)! : name));
  }
  const nodes: NodeProto[] = [...head];
  for (const n of graph.node) nodes.push(n, ...(after.get(n.output[0]) ?? []));
  graph.node = nodes;
  const used = new Set([...nodes.flatMap((n) => n.input), ...graph.output.map((o) => o.name!)]);
  graph.initializer = [...graph.initializer.filter((t) => used.has(t.name!)), ...added];
  // Shapes of intermediate tensors: stale after the rewrite, and ORT infers them again on load.
  graph.valueInfo = [];
}
