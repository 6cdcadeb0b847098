import type { Endpoint, Graph, GraphNode } from '../graph';
import { hashJson } from '../hash';
import type { CompileContext, CompileOutput } from '../node-kind';
import { PLAN_VERSION, type ModelInfo, type Plan, type StagePlan } from '../plan';
import type { FrameShape } from '../preprocess-ops';
import type { Problem } from '../problems';
import type { KindLookup, ParsedParams } from './check-structure';
import type { Fusion, FusedChain } from './fuse';
import { makeModelResolver } from './resolve-model';

export interface LowerInput {
  graph: Graph;
  ordered: GraphNode[];
  params: ParsedParams;
  fusion: Fusion;
  models: Record<string, ModelInfo | { error: Problem }>;
  target: string;
  kinds: KindLookup;
}

const ROLE = { trigger: 'trigger', source: 'source', sink: 'sink' } as const;

/** Phase 6: each node kind compiles its own stage; the result is a serialisable plan. */
export function lowerToPlan(input: LowerInput): { ok: true; value: Plan } | { ok: false; problems: Problem[] } {
  const { graph, ordered, params, fusion, models, target, kinds } = input;
  const incoming = new Map(graph.edges.map((e) => [`${e.to.node}:${e.to.port}`, e.from]));
  const shapes = new Map<string, FrameShape>();
  const resolveModel = makeModelResolver(models);
  const problems: Problem[] = [];
  const stages: StagePlan[] = [];
  for (const node of ordered) {
    const kind = kinds(node.kind)!;
    const chain = fusion.chains.get(node.id);
    const frameFrom = chain?.root ?? incoming.get(`${node.id}:frame`);
    const ctx: CompileContext = {
      nodeId: node.id,
      frameShape: (frameFrom && shapes.get(key(frameFrom))) ?? {},
      connectedInputs: Object.keys(kind.inputs).filter((p) => incoming.has(`${node.id}:${p}`)),
      preprocess: chain?.ops ?? [],
      models,
      resolveModel,
    };
    const out = kind.compile(params.get(node.id), ctx);
    if (Array.isArray(out)) {
      problems.push(...out.map((p) => ({ nodeId: node.id, ...p })));
      continue;
    }
    for (const [port, spec] of Object.entries(kind.outputs)) {
      if (spec.type === 'Frame') shapes.set(`${node.id}:${port}`, (out as CompileOutput).frameShape ?? ctx.frameShape);
    }
    if (fusion.absorbed.has(node.id)) continue;
    stages.push(stageFor(node, kind.category, Object.keys(kind.outputs), out, ctx, incoming, chain));
  }
  if (problems.length) return { ok: false, problems };
  const models_: Plan['models'] = {};
  for (const s of stages) if (s.model) models_[s.id] = { path: s.model.path, sha256: s.model.sha256, precision: s.model.precision };
  const graphHash = hashJson({
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, params: params.get(n.id) })),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to })),
  });
  return { ok: true, value: { version: PLAN_VERSION, target, graphHash, stages, models: models_ } };
}

function stageFor(
  node: GraphNode,
  category: string,
  outputs: string[],
  out: CompileOutput,
  ctx: CompileContext,
  incoming: Map<string, Endpoint>,
  chain: FusedChain | undefined,
): StagePlan {
  const inputs: Record<string, Endpoint> = {};
  for (const port of ctx.connectedInputs) inputs[port] = port === 'frame' && chain ? chain.root : incoming.get(`${node.id}:${port}`)!;
  return {
    id: node.id,
    kind: node.kind,
    inputs,
    outputs,
    config: out.config,
    fused: chain?.nodeIds ?? [],
    ...(chain ? { preprocess: chain.ops } : {}),
    ...(out.model ? { model: out.model } : {}),
    role: ROLE[category as keyof typeof ROLE] ?? 'stage',
  };
}

function key(e: Endpoint): string {
  return `${e.node}:${e.port}`;
}
