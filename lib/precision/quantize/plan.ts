/**
 * Which nodes get quantized and which tensors get a QuantizeLinear/DequantizeLinear pair.
 * A node is quantized when its op type is asked for, it is not excluded, and none of its
 * activations is known to be non-float. Each quantized node wraps its float activation inputs
 * and its outputs; a compute node whose only consumer is a ReLU hands its output's Q/DQ to the
 * ReLU's output instead (asymmetric activations only), so ORT can drop the ReLU and fuse
 * DQ → Conv → Q. Move ops (MaxPool, Reshape, …) reuse their input's scale on their output.
 */
import { inputRoles, type Role } from './op-roles';
import { MOVE_OPS, type Int8Options } from './options';
import type { GraphProto, NodeProto } from './proto';

export interface QuantPlan {
  nodes: Set<NodeProto>;
  /** Tensors wrapped in Q/DQ (initializers among them are quantized in place), graph order. */
  activations: string[];
  /** Output tensor → the tensor whose quantization parameters it shares. */
  aliases: Map<string, string>;
  roles: Map<NodeProto, Role[]>;
}

const MOVE = new Set<string>(MOVE_OPS);

export function planQuantization(graph: GraphProto, options: Int8Options, nonFloat: Set<string>): QuantPlan {
  const consts = new Set(graph.initializer.map((t) => t.name!));
  const consumers = new Map<string, NodeProto[]>();
  for (const node of graph.node) for (const i of node.input) if (i) consumers.set(i, [...(consumers.get(i) ?? []), node]);
  const graphOutputs = new Set(graph.output.map((o) => o.name!));
  const wanted = new Set(options.opTypes);
  const excludedOps = new Set(options.excludeOpTypes);
  const excludedNodes = new Set(options.excludeNodes);

  const nodes = new Set<NodeProto>();
  const roles = new Map<NodeProto, Role[]>();
  for (const node of graph.node) {
    if (node.domain || !wanted.has(node.opType!) || excludedOps.has(node.opType!)) continue;
    if (excludedNodes.has(node.name!) || excludedNodes.has(node.output[0])) continue;
    const r = inputRoles(node, (n) => consts.has(n));
    const acts = node.input.filter((name, i) => r[i] === 'activation');
    if (acts.length === 0 || acts.some((a) => nonFloat.has(a)) || node.output.some((o) => nonFloat.has(o))) continue;
    nodes.add(node);
    roles.set(node, r);
  }

  const chosen = new Set<string>();
  const aliases = new Map<string, string>();
  const foldRelu = options.activationType === 'uint8' && !options.symmetricActivations;
  for (const node of nodes) {
    const r = roles.get(node)!;
    node.input.forEach((name, i) => r[i] === 'activation' && chosen.add(name));
    for (const out of node.output) {
      const users = consumers.get(out) ?? [];
      const relu = users.length === 1 && users[0].opType === 'Relu' && !users[0].domain ? users[0] : undefined;
      // Graph outputs stay float unless asked: a final Q/DQ only loses precision for the caller.
      if (relu && foldRelu && !MOVE.has(node.opType!) && !graphOutputs.has(out) && !nonFloat.has(relu.output[0])) {
        if (options.quantizeOutputs || !graphOutputs.has(relu.output[0])) chosen.add(relu.output[0]);
      } else if (options.quantizeOutputs || !graphOutputs.has(out)) chosen.add(out);
      if (MOVE.has(node.opType!)) aliases.set(out, node.input[0]);
    }
  }
  // Graph order: producers come before consumers, so aliased parameters are ready when needed.
  const order: string[] = [...graph.input.map((i) => i.name!), ...graph.initializer.map((t) => t.name!), ...graph.node.flatMap((n) => n.output)];
  const activations = [...new Set(order)].filter((t) => chosen.has(t));
  return { nodes, activations, aliases, roles };
}
