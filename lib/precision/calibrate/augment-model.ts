/**
 * The calibration copy of a model: every tensor we need statistics for becomes an extra graph
 * output, so one inference returns them all. Graph inputs are measured from the feeds instead.
 */
import { floatValueInfo, graphOf, onnx, type ModelProto } from '../quantize/proto';

export function augmentForCalibration(model: ModelProto, tensors: string[]): Uint8Array {
  const copy = onnx.ModelProto.decode(onnx.ModelProto.encode(model).finish());
  const graph = graphOf(copy);
  const present = new Set([...graph.output.map((o) => o.name!), ...graph.input.map((i) => i.name!)]);
  for (const t of tensors) if (!present.has(t)) graph.output.push(floatValueInfo(t));
  return onnx.ModelProto.encode(copy).finish();
}
