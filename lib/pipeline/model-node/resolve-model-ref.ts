import type { CompileContext } from '../node-kind';
import type { ModelRef, Precision } from '../plan';
import type { Problem } from '../problems';

/** ctx.resolveModel, with the node named on its problem. */
export function resolveModelRef(ctx: CompileContext, path: string, precision: Precision): ModelRef | Problem[] {
  const ref = ctx.resolveModel(path, precision);
  if ('code' in ref) return [{ ...ref, nodeId: ctx.nodeId, path: ['model'] }];
  return ref;
}
