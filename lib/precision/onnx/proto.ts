/** onnx-proto aliases for the ONNX model layer (onnx-proto is CommonJS: default import only under ESM). */
import onnxProto from 'onnx-proto';
import type * as OnnxTypes from 'onnx-proto';

export const { onnx } = onnxProto;
export type ModelProto = InstanceType<typeof onnx.ModelProto>;
export type GraphProto = InstanceType<typeof onnx.GraphProto>;
export type NodeProto = InstanceType<typeof onnx.NodeProto>;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;
export type ValueInfoProto = InstanceType<typeof onnx.ValueInfoProto>;

/** The plain-object shapes onnx-proto accepts (decoded messages and hand-built objects alike). */
export type ITensorProto = OnnxTypes.onnx.ITensorProto;
export type IModelProto = OnnxTypes.onnx.IModelProto;

/**
 * A decoded graph as it really is: onnx-proto types nested messages as nullable I-interfaces,
 * but decoding always fills repeated fields with arrays of full message instances.
 */
export type DecodedGraph = Omit<GraphProto, 'node' | 'initializer' | 'input' | 'output' | 'valueInfo'> & {
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
};

/** The main graph of a model from readModel (which guarantees there is one). */
export function graphOf(model: ModelProto): DecodedGraph {
  if (!model.graph) throw new Error('the model has no graph');
  return model.graph as DecodedGraph;
}
