/** onnx-proto aliases for the INT8 files (onnx-proto is CommonJS: default import only under ESM). */
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;
export type ModelProto = InstanceType<typeof onnx.ModelProto>;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;
export type ValueInfoProto = InstanceType<typeof onnx.ValueInfoProto>;
export type AttributeProto = InstanceType<typeof onnx.AttributeProto>;

/** A decoded node: repeated fields are always arrays after decode. */
export type NodeProto = Omit<InstanceType<typeof onnx.NodeProto>, 'input' | 'output' | 'attribute'> & { input: string[]; output: string[]; attribute: AttributeProto[] };
/** A decoded graph, with its repeated fields typed as the arrays decode gives. */
export type GraphProto = Omit<InstanceType<typeof onnx.GraphProto>, 'node' | 'initializer' | 'input' | 'output' | 'valueInfo'> & {
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
};

export const DT = onnx.TensorProto.DataType;

export function graphOf(model: ModelProto): GraphProto {
  return model.graph as unknown as GraphProto;
}

export function intAttr(node: NodeProto, name: string, fallback: number): number {
  const a = node.attribute.find((x) => x.name === name);
  return a ? Number(a.i) : fallback;
}

export function defaultOpset(model: ModelProto): number | undefined {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? Number(entry.version) : undefined;
}

export function floatValueInfo(name: string): ValueInfoProto {
  return onnx.ValueInfoProto.create({ name, type: onnx.TypeProto.create({ tensorType: { elemType: DT.FLOAT } }) });
}
