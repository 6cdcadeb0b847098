/** ONNX TensorProto.DataType numbers ↔ the element type names ONNX Runtime's JS API uses. */
const NAMES = [
  'undefined', 'float32', 'uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'string', 'bool', 'float16',
  'float64', 'uint32', 'uint64', 'complex64', 'complex128', 'bfloat16', 'float8e4m3fn', 'float8e4m3fnuz',
  'float8e5m2', 'float8e5m2fnuz', 'uint4', 'int4', 'float4e2m1',
] as const;

export type ElemTypeName = (typeof NAMES)[number];

export function elemTypeName(dataType: number | null | undefined): string {
  return NAMES[dataType ?? 0] ?? `unknown(${dataType})`;
}

export function elemTypeNumber(name: ElemTypeName): number {
  return NAMES.indexOf(name);
}
