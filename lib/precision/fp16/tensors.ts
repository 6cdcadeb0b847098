/** float32 → float16 rewriting of TensorProtos (initializers and Constant attribute tensors). */
import { floatsToHalf, type ClampCounts } from './half';
import { FLOAT, FLOAT16, onnx, type TensorProto } from './proto';

export interface HalfLimits {
  minPositiveValue: number;
  maxFiniteValue: number;
}

/** A float32 tensor's values, from raw_data (little-endian) or float_data. */
export function tensorFloats(t: { rawData?: Uint8Array | null; floatData?: number[] | null }): Float32Array {
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    // Copy into a fresh, aligned buffer: protobuf hands out views at odd offsets, and on a Node
    // Buffer even slice() is a view of the whole pool.
    const copy = new Uint8Array(raw.length);
    copy.set(raw);
    return new Float32Array(copy.buffer, 0, raw.length >> 2);
  }
  return Float32Array.from(t.floatData ?? []);
}

/** A float16 copy of a float32 tensor, stored as raw_data; other tensors are returned as they are. */
export function toHalfTensor(t: TensorProto, limits: HalfLimits, counts: ClampCounts): TensorProto {
  if (t.dataType !== FLOAT) return t;
  const bits = floatsToHalf(tensorFloats(t), limits.minPositiveValue, limits.maxFiniteValue, counts);
  return onnx.TensorProto.create({
    name: t.name,
    dims: t.dims,
    dataType: FLOAT16,
    rawData: new Uint8Array(bits.buffer),
    docString: t.docString,
  });
}

/** A float16 tensor built from plain numbers (Constant value_float(s), ConstantOfShape's default 0). */
export function halfTensorOf(values: number[], dims: number[], limits: HalfLimits, counts: ClampCounts): TensorProto {
  const bits = floatsToHalf(values, limits.minPositiveValue, limits.maxFiniteValue, counts);
  return onnx.TensorProto.create({ dims, dataType: FLOAT16, rawData: new Uint8Array(bits.buffer) });
}

export function tensorBytes(t: TensorProto): number {
  if (t.rawData && t.rawData.length > 0) return t.rawData.length;
  return (t.floatData.length + t.int32Data.length + t.int64Data.length * 2 + t.doubleData.length * 2) * 4;
}
