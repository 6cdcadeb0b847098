/** Reads and writes initializer values (raw_data or the typed repeated fields). */
import { DT, onnx, type TensorProto } from './proto';

export function floatsOf(t: TensorProto): Float32Array {
  if (t.dataType !== DT.FLOAT) throw new Error(`tensor ${t.name} is not float32`);
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const copy = new Uint8Array(raw); // raw may be unaligned inside the decoded buffer
    return new Float32Array(copy.buffer, 0, copy.length / 4);
  }
  return Float32Array.from(t.floatData ?? []);
}

export function dimsOf(t: TensorProto): number[] {
  return (t.dims ?? []).map(Number);
}

type IntKind = 'int8' | 'uint8' | 'int32';
const KIND: Record<IntKind, number> = { int8: DT.INT8, uint8: DT.UINT8, int32: DT.INT32 };

export function intTensor(name: string, dims: number[], values: Int8Array | Uint8Array | Int32Array, kind: IntKind): TensorProto {
  const rawData = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  return onnx.TensorProto.create({ name, dims, dataType: KIND[kind], rawData });
}

export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) });
}
