import type { Graph } from '@/lib/pipeline/graph';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { validateGraph } from '@/lib/pipeline/validate';

/**
 * validateGraph, but a bug in one node kind's compile becomes a problem instead of taking down the
 * editor (or failing a save that already happened).
 */
export function safeValidate(graph: Graph | unknown): Problem[] {
  try {
    return validateGraph(graph);
  } catch (error) {
    return [problem('internal', `Validation failed: ${(error as Error).message}`)];
  }
}
