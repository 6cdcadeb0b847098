import type { CompileContext } from '../node-kind';
import type { ModelInfo, ModelRef, Precision } from '../plan';
import { problem, type Problem } from '../problems';
import { AUTO_ORDER, variantKey } from '../model-variants';

/**
 * A model node names its FP32 file; other precisions are sibling artifacts (`name.fp16.onnx`,
 * `name.int8.onnx`). `auto` takes the mixed-precision search's result (`name.mixed.onnx`, chosen under the
 * budget it was searched for) when present, else the most compact variant present, FP32 otherwise.
 */
export function makeModelResolver(models: Record<string, ModelInfo | { error: Problem }>): CompileContext['resolveModel'] {
  return (path: string, precision: Precision): ModelRef | Problem => {
    const base = models[path];
    if (!base) return problem('model.missing-file', `Model file "${path}" was not found`);
    if ('error' in base) return base.error;
    const choices: Exclude<Precision, 'auto'>[] = precision === 'auto' ? [...AUTO_ORDER, 'fp32'] : [precision];
    for (const p of choices) {
      const info = p === 'fp32' ? base : models[variantKey(path, p)];
      if (info && !('error' in info)) return { path: info.path, sha256: info.sha256, precision: p, info };
    }
    return problem(
      'model.missing-file',
      `No ${precision.toUpperCase()} variant of "${path}" exists (expected ${variantKey(path, precision as 'fp16' | 'int8')}); make it in the Precision Lab or choose FP32`,
    );
  };
}
