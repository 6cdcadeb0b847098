import type { Precision } from './plan';

/** Where a precision variant of a model lives, relative to the FP32 file's path as written in the graph. */
export function variantKey(path: string, precision: Exclude<Precision, 'auto'>): string {
  if (precision === 'fp32') return path;
  return path.replace(/(\.onnx)?$/i, `.${precision}.onnx`);
}

/** Every artifact a model node may resolve to, for the host to read before compiling. */
export function candidatePaths(path: string, precision: Precision): string[] {
  if (precision === 'fp32') return [path];
  const wanted: Exclude<Precision, 'auto'>[] = precision === 'auto' ? ['int8', 'fp16'] : [precision];
  return [path, ...wanted.map((p) => variantKey(path, p))];
}
