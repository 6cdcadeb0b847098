import { z } from 'zod';
import { graphEdgeSchema, GRAPH_VERSION } from './graph';
import { listNodeKinds } from './registry';

/**
 * The published JSON Schema of a pipeline file, generated from the same zod schemas the compiler
 * uses: each node kind contributes one branch with its own parameter schema.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  const position = z.object({ x: z.number(), y: z.number() });
  const nodeBranches = listNodeKinds().map((k) =>
    z.object({
      id: z.string(),
      kind: z.literal(k.kind),
      params: k.params,
      position: position.optional(),
      label: z.string().optional(),
    }),
  );
  const graph = z.object({
    version: z.literal(GRAPH_VERSION),
    name: z.string().optional(),
    nodes: z.array(z.union(nodeBranches as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])),
    edges: z.array(graphEdgeSchema),
  });
  return {
    $id: '/schema/pipeline.json',
    title: 'Loupe inspection pipeline',
    ...z.toJSONSchema(graph, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  };
}
