/**
 * Which element type each use of a float32 tensor needs after conversion, and which type each
 * float32 tensor is produced in. Where the two differ, the converter inserts a Cast.
 */
import type { Role } from './classify';
import { ANY_TYPE_INPUTS, FLOAT32_INPUTS, float32Outputs } from './op-rules';
import { FLOAT, FLOAT16, type GraphProto } from './proto';
import { outerReferences } from './scopes';

export type Half = typeof FLOAT | typeof FLOAT16;

export interface TypePlan {
  /** The type each float32 tensor is produced in. */
  produced: Map<string, Half>;
  /** Per node, per input index: the type that input needs (absent: takes what is produced). */
  inputDemands: Map<string, Half>[];
  /** Outer tensors a subgraph node reads implicitly: always float32 (its body is untouched). */
  outerDemands: Map<string, Half>[];
  /** Per graph output name: the type it must have. */
  outputDemands: Map<string, Half>;
}

export function planTypes(graph: GraphProto, types: ReadonlyMap<string, number>, roles: Role[], keepIoTypes: boolean): TypePlan {
  const isFloat = (n: string) => !!n && types.get(n) === FLOAT;
  const io: Half = keepIoTypes ? FLOAT : FLOAT16;
  const inputDemands = graph.node.map((node, k) => {
    const demands = new Map<string, Half>();
    const role = roles[k];
    node.input.forEach((name, i) => {
      if (!isFloat(name)) return;
      if (role.kind === 'block') demands.set(String(i), FLOAT);
      else if (role.kind === 'convert') {
        if (ANY_TYPE_INPUTS[node.opType!]?.includes(i)) return;
        demands.set(String(i), FLOAT32_INPUTS[node.opType!]?.includes(i) ? FLOAT : FLOAT16);
      }
    });
    return demands;
  });
  const outerDemands = graph.node.map((node) => {
    const demands = new Map<string, Half>();
    for (const ref of outerReferences(node)) if (isFloat(ref)) demands.set(ref, FLOAT);
    return demands;
  });
  const outputDemands = new Map<string, Half>();
  for (const out of graph.output) if (isFloat(out.name!)) outputDemands.set(out.name!, io);

  // Constants (initializers, Constant nodes) go float16 as soon as one user wants float16.
  const wantsHalf = new Set<string>();
  graph.node.forEach((node, k) =>
    inputDemands[k].forEach((t, i) => {
      if (t === FLOAT16) wantsHalf.add(node.input[Number(i)]);
    }),
  );
  for (const [name, t] of outputDemands) if (t === FLOAT16) wantsHalf.add(name);
  const constantType = (name: string): Half => (wantsHalf.has(name) ? FLOAT16 : FLOAT);

  const produced = new Map<string, Half>();
  const initializers = new Set(graph.initializer.map((t) => t.name!));
  for (const name of initializers) if (isFloat(name)) produced.set(name, constantType(name));
  for (const vi of graph.input) if (isFloat(vi.name!) && !initializers.has(vi.name!)) produced.set(vi.name!, io);
  graph.node.forEach((node, k) => {
    const role = roles[k];
    const keep32 = role.kind === 'convert' ? float32Outputs(node.opType!) : [];
    node.output.forEach((name, i) => {
      if (!isFloat(name)) return;
      if (role.kind === 'source') produced.set(name, constantType(name));
      else if (role.kind === 'convert' && !keep32.includes(i)) produced.set(name, FLOAT16);
      else produced.set(name, FLOAT);
    });
  });
  return { produced, inputDemands, outerDemands, outputDemands };
}

