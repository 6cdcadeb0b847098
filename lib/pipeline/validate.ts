/**
 * Validation = every compiler phase, reporting problems only. Runs in the browser editor and on
 * the server alike. Without model metadata, model-dependent checks are skipped rather than
 * reported as missing files.
 */
import type { ModelInfo } from './plan';
import type { Problem } from './problems';
import { compileGraph } from './compile';
import type { KindLookup } from './compile/check-structure';

export function validateGraph(
  input: unknown,
  options: { models?: Record<string, ModelInfo | { error: Problem }>; kinds?: KindLookup } = {},
): Problem[] {
  const result = compileGraph(input, { models: options.models ?? {}, kinds: options.kinds });
  if (options.models) return result.problems;
  return result.problems.filter((p) => p.code !== 'model.missing-file');
}
