/**
 * The compiler: graph + model catalog + target → Plan | problems. Pure: every input is an
 * argument (model metadata is read beforehand by the host), nothing is cached between calls.
 */
import type { ModelInfo, Plan } from './plan';
import type { Problem } from './problems';
import { getNodeKind } from './registry';
import { checkPortTypes } from './compile/check-port-types';
import { checkStructure, type KindLookup } from './compile/check-structure';
import { fusePreprocessing } from './compile/fuse';
import { lowerToPlan } from './compile/lower';
import { orderNodes } from './compile/order';
import { parseGraph } from './compile/parse';

export interface CompileOptions {
  models: Record<string, ModelInfo | { error: Problem }>;
  target?: string;
  kinds?: KindLookup;
}

export type CompileResult = { plan: Plan; problems: [] } | { plan?: undefined; problems: Problem[] };

export function compileGraph(input: unknown, options: CompileOptions): CompileResult {
  const kinds = options.kinds ?? getNodeKind;
  const parsed = parseGraph(input);
  if (!parsed.ok) return { problems: parsed.problems };
  const graph = parsed.value;
  const structure = checkStructure(graph, kinds);
  const problems = [...structure.problems, ...checkPortTypes(graph, kinds)];
  const ordered = orderNodes(graph);
  if (!ordered.ok) problems.push(...ordered.problems);
  if (problems.length || !ordered.ok) return { problems };
  const fusion = fusePreprocessing(graph, ordered.value, kinds, structure.params);
  const lowered = lowerToPlan({
    graph,
    ordered: ordered.value,
    params: structure.params,
    fusion,
    models: options.models,
    target: options.target ?? 'cpu',
    kinds,
  });
  return lowered.ok ? { plan: lowered.value, problems: [] } : { problems: lowered.problems };
}
