/**
 * Pipeline tensors are float32; models may want or give other element types. These convert at
 * the ONNX Runtime boundary so the rest of Loupe sees Float32Array only.
 */
import * as ort from 'onnxruntime-node';
import { floatToHalf, halfToFloat } from '@/lib/precision/onnx/half';
import type { FeedTensor } from '@/lib/pipeline/runtime/services';
import type { Tensor } from '@/lib/pipeline/values';

type InputMaker = (data: Float32Array) => ort.Tensor['data'];

const INPUT_MAKERS: Record<string, InputMaker> = {
  float32: (d) => d,
  float64: (d) => Float64Array.from(d),
  float16: (d) => Uint16Array.from(d, floatToHalf),
  int64: (d) => BigInt64Array.from(d, (v) => BigInt(Math.round(v))),
  int32: (d) => Int32Array.from(d, Math.round),
  int16: (d) => Int16Array.from(d, Math.round),
  int8: (d) => Int8Array.from(d, Math.round),
  uint8: (d) => Uint8Array.from(d, Math.round),
  uint16: (d) => Uint16Array.from(d, Math.round),
  bool: (d) => Uint8Array.from(d, (v) => (v ? 1 : 0)),
};

/** What ONNX Runtime gives back, or what crosses to its thread: an element type, dims and the values. */
export interface OrtValueLike {
  type: string;
  dims: readonly (number | bigint)[];
  data: ort.Tensor['data'];
}

export function toOrtTensor(tensor: FeedTensor, type: string, name: string): ort.Tensor {
  return new ort.Tensor(type as 'float32', ortInputData(tensor, type, name) as Float32Array, tensor.dims);
}

/** The tensor's values in the element type the model input wants (float32, and bytes for uint8, pass through as they are). */
export function ortInputData(tensor: FeedTensor, type: string, name: string): ort.Tensor['data'] {
  const count = tensor.dims.reduce((n, d) => n * d, 1);
  if (count !== tensor.data.length) {
    throw new Error(`input "${name}": ${tensor.data.length} values do not fill dims [${tensor.dims.join(', ')}]`);
  }
  if (tensor.data instanceof Uint8Array) {
    if (type !== 'uint8') throw new Error(`model input "${name}" takes ${type}, not 8-bit pixels`);
    return tensor.data;
  }
  const make = INPUT_MAKERS[type];
  if (!make) throw new Error(`model input "${name}" has element type ${type}, which Loupe cannot feed`);
  return make(tensor.data);
}

export function fromOrtTensor(value: OrtValueLike, name: string): Tensor {
  const dims = value.dims.map(Number);
  const data = value.data;
  if (value.type === 'float32') return { dims, data: data as Float32Array };
  if (value.type === 'float16') return { dims, data: Float32Array.from(data as Uint16Array, halfToFloat) };
  if (value.type === 'int64' || value.type === 'uint64') return { dims, data: Float32Array.from(data as BigInt64Array, Number) };
  if (typeof (data as ArrayLike<unknown>)[0] === 'string') throw new Error(`model output "${name}" is a string tensor, which Loupe cannot use`);
  return { dims, data: Float32Array.from(data as ArrayLike<number>, Number) };
}
