/** onnx-proto aliases shared by the fp16 files (onnx-proto is CommonJS: default import only). */
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;
export type ModelProto = InstanceType<typeof onnx.ModelProto>;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;
export type ValueInfoProto = InstanceType<typeof onnx.ValueInfoProto>;

// Decoded messages always carry their repeated fields (empty arrays by default), but the
// generated typings describe nested messages by their nullable I-interfaces. These views say
// what a decoded graph really holds, so the code below needs no null checks on every array.
export type AttributeProto = Omit<InstanceType<typeof onnx.AttributeProto>, 't' | 'g' | 'graphs' | 'tensors'> & {
  t?: TensorProto | null;
  g?: GraphProto | null;
  graphs: GraphProto[];
  tensors: TensorProto[];
};
export type NodeProto = Omit<InstanceType<typeof onnx.NodeProto>, 'attribute'> & { attribute: AttributeProto[] };
export type GraphProto = Omit<InstanceType<typeof onnx.GraphProto>, 'node' | 'initializer' | 'input' | 'output' | 'valueInfo'> & {
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
};

export function makeNode(props: Parameters<typeof onnx.NodeProto.create>[0]): NodeProto {
  return onnx.NodeProto.create(props) as unknown as NodeProto;
}

export function makeAttr(props: Parameters<typeof onnx.AttributeProto.create>[0]): AttributeProto {
  return onnx.AttributeProto.create(props) as unknown as AttributeProto;
}

/** The main graph of a decoded model, as the view above. */
export function graphOf(model: ModelProto): GraphProto {
  return model.graph as unknown as GraphProto;
}

export const DT = onnx.TensorProto.DataType;
export const FLOAT = DT.FLOAT;
export const FLOAT16 = DT.FLOAT16;

export function attr(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}

/** The graphs held by a node's attributes (If branches, Loop/Scan bodies). */
export function subgraphs(node: NodeProto): GraphProto[] {
  const out: GraphProto[] = [];
  for (const a of node.attribute) {
    if (a.g) out.push(a.g);
    for (const g of a.graphs) out.push(g);
  }
  return out;
}

/** Display name for a node: its name, or `OpType(first output)` when the exporter left it blank. */
export function nodeLabel(node: NodeProto): string {
  return node.name || `${node.opType}(${node.output[0] ?? ''})`;
}

export function elemTypeOf(vi: { type?: { tensorType?: { elemType?: number | null } | null } | null }): number | undefined {
  const t = vi.type?.tensorType?.elemType;
  return t ? t : undefined;
}
