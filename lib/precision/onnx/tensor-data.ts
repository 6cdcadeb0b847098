/**
 * Float views of initializers. ONNX stores tensor data either as little-endian raw_data or in a
 * typed repeated field; both are read here, and new tensors are written as raw_data (what the
 * onnx package writes for weights).
 */
import { halfToFloat } from './half';
import { onnx, type ITensorProto, type TensorProto } from './proto';

const DT = onnx.TensorProto.DataType;

/** The tensor's values as float32 (float16, float64 and integer types are converted). */
export function tensorToFloat32(tensor: ITensorProto): Float32Array {
  const count = (tensor.dims ?? []).reduce((n: number, d) => n * Number(d), 1);
  const raw = tensor.rawData;
  const type = tensor.dataType ?? 0;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const read = RAW_READERS[type];
    if (!read) throw new Error(`tensor "${tensor.name}": element type ${type} cannot be read as float`);
    return Float32Array.from({ length: count }, (_, i) => read(view, i));
  }
  if (type === DT.FLOAT) return Float32Array.from(tensor.floatData ?? []);
  if (type === DT.DOUBLE) return Float32Array.from(tensor.doubleData ?? []);
  if (type === DT.INT64) return Float32Array.from(tensor.int64Data ?? [], Number);
  if (type === DT.UINT64) return Float32Array.from(tensor.uint64Data ?? [], Number);
  // int32_data also carries int8/16, uint8/16, bool and float16 (as its 16 bits).
  const ints = tensor.int32Data ?? [];
  if (type === DT.FLOAT16) return Float32Array.from(ints, halfToFloat);
  if (RAW_READERS[type]) return Float32Array.from(ints);
  throw new Error(`tensor "${tensor.name}": element type ${type} cannot be read as float`);
}

const RAW_READERS: Record<number, (v: DataView, i: number) => number> = {
  [DT.FLOAT]: (v, i) => v.getFloat32(i * 4, true),
  [DT.DOUBLE]: (v, i) => v.getFloat64(i * 8, true),
  [DT.FLOAT16]: (v, i) => halfToFloat(v.getUint16(i * 2, true)),
  [DT.INT8]: (v, i) => v.getInt8(i),
  [DT.UINT8]: (v, i) => v.getUint8(i),
  [DT.BOOL]: (v, i) => v.getUint8(i),
  [DT.INT16]: (v, i) => v.getInt16(i * 2, true),
  [DT.UINT16]: (v, i) => v.getUint16(i * 2, true),
  [DT.INT32]: (v, i) => v.getInt32(i * 4, true),
  [DT.INT64]: (v, i) => Number(v.getBigInt64(i * 8, true)),
  [DT.UINT64]: (v, i) => Number(v.getBigUint64(i * 8, true)),
};

/** A float32 initializer with its values as little-endian raw_data. */
export function float32ToTensor(name: string, dims: number[], data: Float32Array): TensorProto {
  const count = dims.reduce((n, d) => n * d, 1);
  if (count !== data.length) throw new Error(`tensor "${name}": ${data.length} values for dims [${dims.join(', ')}]`);
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: raw });
}
