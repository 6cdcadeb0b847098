/**
 * A small ONNX graph builder: enough to write models by code (the demo anomaly model, test
 * fixtures) without a Python toolchain. It produces a plain onnx.ModelProto; encoding is
 * `onnx.ModelProto.encode(model).finish()`, which is deterministic for the same calls.
 */
import onnxProto from 'onnx-proto';

// onnx-proto is CommonJS: under Node's ESM loader only its default export is visible.
const { onnx } = onnxProto;
type ModelProto = InstanceType<typeof onnx.ModelProto>;
type AttributeProto = ConstructorParameters<typeof onnx.AttributeProto>[0] & object;

export type ElementType = 'float32' | 'int64';
/** A dimension: a fixed size, or a name for a symbolic one (e.g. 'batch'). */
export type Dim = number | string;

/** Plain numbers are INT attributes; floats must say so, since 1.0 and 1 look alike in JS. */
export type AttrValue = number | number[] | string | { float: number } | { floats: number[] };

const ELEM: Record<ElementType, number> = { float32: onnx.TensorProto.DataType.FLOAT, int64: onnx.TensorProto.DataType.INT64 };

export interface BuilderOptions {
  name: string;
  opset?: number;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
}

export class OnnxGraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly names = new Set<string>();
  private counter = 0;

  constructor(private readonly options: BuilderOptions) {}

  input(name: string, dims: Dim[], type: ElementType = 'float32'): string {
    this.claim(name);
    this.inputs.push(valueInfo(name, dims, type));
    return name;
  }

  /** Declares a graph output; the tensor itself must be produced by some node. */
  output(name: string, dims: Dim[], type: ElementType = 'float32'): string {
    this.outputs.push(valueInfo(name, dims, type));
    return name;
  }

  /** A constant tensor stored as little-endian raw_data. */
  initializer(name: string, dims: number[], values: ArrayLike<number>, type: ElementType = 'float32'): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`initializer ${name}: ${values.length} values for dims [${dims.join(', ')}]`);
    this.claim(name);
    const raw = type === 'float32' ? new Uint8Array(Float32Array.from(values).buffer) : int64Bytes(values);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: ELEM[type], rawData: raw }));
    return name;
  }

  /** Adds a node; returns its output names (`outputs` names them, or a count makes fresh ones). */
  node(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs: string[] | number = 1): string[] {
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.fresh(opType)) : outputs;
    for (const o of outs) this.claim(o);
    const name = `${opType}_${this.nodes.length}`;
    const attribute = Object.keys(attrs)
      .sort()
      .map((key) => attribute_(key, attrs[key]));
    this.nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: outs, name, attribute }));
    return outs;
  }

  /** A single-output node: the common case. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, output?: string): string {
    return this.node(opType, inputs, attrs, output ? [output] : 1)[0];
  }

  build(): ModelProto {
    const graph = onnx.GraphProto.create({
      name: this.options.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs,
    });
    return onnx.ModelProto.create({
      // IR version 8 goes with opset 17 (ONNX 1.12).
      irVersion: 8,
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: this.options.opset ?? 17 })],
      producerName: this.options.producerName ?? 'loupe',
      producerVersion: this.options.producerVersion ?? '1',
      docString: this.options.docString ?? '',
      graph,
    });
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`tensor name used twice: ${name}`);
    this.names.add(name);
  }

  private fresh(prefix: string): string {
    let name: string;
    do name = `${prefix.toLowerCase()}_${this.counter++}`;
    while (this.names.has(name));
    return name;
  }
}

function valueInfo(name: string, dims: Dim[], type: ElementType) {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({ tensorType: { elemType: ELEM[type], shape: { dim } } }),
  });
}

function attribute_(name: string, value: AttrValue): AttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  return { name, type: T.FLOATS, floats: value.floats };
}

function int64Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]);
  return new Uint8Array(out.buffer);
}
