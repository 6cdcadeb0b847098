/**
 * A variant's precision, read from the model itself rather than trusted from its name: QDQ or
 * integer ops → int8; float16 weights or values → fp16; both → mixed. A `.mixed.onnx` name wins,
 * since a mixed search result may keep one format and still be called mixed by the user.
 */
import { onnx, type ModelProto } from '../onnx';
import type { VariantPrecision } from './report-schema';

const INT_OPS = /^(QuantizeLinear|DequantizeLinear|QLinear\w+|\w+Integer|QGemm|QAttention|DynamicQuantize\w*)$/;
const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;

export function detectPrecision(model: ModelProto, path = ''): VariantPrecision {
  if (/\.mixed\.onnx$/i.test(path)) return 'mixed';
  const graph = model.graph;
  const int8 = (graph?.node ?? []).some((n) => INT_OPS.test(n.opType ?? ''));
  const fp16 =
    (graph?.initializer ?? []).some((t) => t.dataType === FLOAT16) ||
    [...(graph?.valueInfo ?? []), ...(graph?.input ?? []), ...(graph?.output ?? [])].some((v) => v.type?.tensorType?.elemType === FLOAT16) ||
    (graph?.node ?? []).some((n) => n.opType === 'Cast' && (n.attribute ?? []).some((a) => a.name === 'to' && Number(a.i) === FLOAT16));
  if (int8 && fp16) return 'mixed';
  if (int8) return 'int8';
  return fp16 ? 'fp16' : 'fp32';
}
