/**
 * Host side of compiling: read the metadata of every model file a graph names (the only I/O),
 * then run the pure compiler. Used by the worker, the CLI and the API.
 */
import { loadModelCatalog } from './models/catalog';
import { compileGraph, type CompileResult } from './pipeline/compile';
import { candidatePaths } from './pipeline/model-variants';
import type { Precision } from './pipeline/plan';
import { getNodeKind } from './pipeline/registry';

export interface CompileFileOptions {
  /** Relative model paths in the graph resolve against this folder. */
  baseDir: string;
  target?: string;
}

export async function compileGraphFile(graph: unknown, options: CompileFileOptions): Promise<CompileResult> {
  const models = await loadModelCatalog(modelPathsOf(graph), options.baseDir);
  return compileGraph(graph, { models, target: options.target });
}

/** Model files named by model nodes, with the precision variants they may resolve to. */
export function modelPathsOf(graph: unknown): string[] {
  const nodes = (graph as { nodes?: unknown })?.nodes;
  if (!Array.isArray(nodes)) return [];
  const paths = new Set<string>();
  for (const node of nodes) {
    const kind = getNodeKind(String(node?.kind));
    const params = node?.params as { model?: unknown; precision?: unknown } | undefined;
    if (kind?.category !== 'model' || typeof params?.model !== 'string') continue;
    const precision = (typeof params.precision === 'string' ? params.precision : 'fp32') as Precision;
    for (const p of candidatePaths(params.model, precision)) paths.add(p);
  }
  return [...paths];
}
