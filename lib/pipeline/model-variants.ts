import type { Precision } from './plan';

/** Where a precision variant of a model lives, relative to the FP32 file's path as written in the graph. */
export function variantKey(path: string, precision: Exclude<Precision, 'auto'>): string {
  if (precision === 'fp32') return path;
  return path.replace(/(\.onnx)?$/i, `.${precision}.onnx`);
}

/** What `auto` resolves to, first present wins: the search's mixed result, then the most compact. */
export const AUTO_ORDER = ['mixed', 'int8', 'fp16'] as const satisfies readonly Exclude<Precision, 'auto' | 'fp32'>[];

/** Every artifact a model node may resolve to, for the host to read before compiling. */
export function candidatePaths(path: string, precision: Precision): string[] {
  if (precision === 'fp32') return [path];
  const wanted: Exclude<Precision, 'auto'>[] = precision === 'auto' ? [...AUTO_ORDER] : [precision];
  return [path, ...wanted.map((p) => variantKey(path, p))];
}
