/**
 * A model's float image input turned into an 8-bit one, with the per-channel scale and shift that
 * preprocessing would have applied done by the model itself, each step left out where it would
 * change nothing: the bytes to floats times the scale in one DequantizeLinear where the opset has
 * it for this scale (one scale for all channels from opset 10, one per channel from 13), else Cast
 * then Mul by a [1, C, 1, 1] constant; then Add of the bias. The caller then sends one byte per
 * value instead of four floats: a quarter of the memory written, copied and handed between threads
 * per frame. Each value the model sees is round(round(u·scale) + bias) in float32 either way
 * (DequantizeLinear with zero point 0 is float(u)·scale, as Cast then Mul): within 2⁻²² of
 * u·scale + bias relative to its larger term (an ulp or so; with no bias, within an ulp of the
 * float64 value rounded once, as the float pass writes it). The input keeps its name and shape.
 * One DequantizeLinear, rather than a Cast and a Mul, reads the bytes once and writes the floats
 * once: for a 3×352×352 image, ONNX Runtime takes 44 µs over reading floats, not 77.
 */
import { float32ToTensor } from './tensor-data';
import { forEachGraph } from './graph-walk';
import { imageInputSlot } from './image-input-slot';
import { defaultOpset } from './model-info';
import { graphOf, onnx, type ModelProto, type NodeProto } from './proto';

export interface ByteInputSpec {
  /** The model input that takes the image. */
  input: string;
  /** Per channel, in the model's channel order: value = byte · scale[c] + bias[c]. */
  scale: number[];
  bias: number[];
}

const DT = onnx.TensorProto.DataType;

/** Rewrites `model` in place and returns it, or says why this model cannot take bytes there. */
export function withByteInput(model: ModelProto, spec: ByteInputSpec): ModelProto | string {
  const graph = graphOf(model);
  const slot = imageInputSlot(model, spec.input, spec.scale.length);
  if (typeof slot === 'string') return slot;
  if (spec.bias.length !== slot.channels) return `${spec.bias.length} biases for ${slot.channels} channels`;
  const { channels, fresh } = slot;
  const tensor = slot.value.type!.tensorType!;
  const float = fresh('float');
  forEachGraph(model, (g) => {
    for (const node of g.node ?? []) node.input = (node.input ?? []).map((name) => (name === spec.input ? float : name));
  });
  const nodes: NodeProto[] = [];
  let last = spec.input;
  const node = (opType: string, inputs: string[], output: string, attribute: object[] = []) => {
    nodes.push(onnx.NodeProto.create({ opType, name: fresh(opType.toLowerCase()), input: inputs, output: [output], attribute }) as NodeProto);
    last = output;
  };
  const constant = (base: string, dims: number[], values: number[]) => {
    const name = fresh(base);
    graph.initializer.push(float32ToTensor(name, dims, Float32Array.from(values)));
    return name;
  };
  const hasBias = spec.bias.some((b) => b !== 0);
  const scaled = hasBias ? fresh('scaled') : float;
  const dequantize = dequantizeFor(spec.scale, defaultOpset(model));
  if (spec.scale.every((s) => s === 1)) node('Cast', [last], scaled, [castToFloat]);
  else if (dequantize) {
    const zero = fresh('zero_point');
    graph.initializer.push(onnx.TensorProto.create({ name: zero, dims: dequantize.dims, dataType: DT.UINT8, rawData: new Uint8Array(dequantize.scale.length) }));
    node('DequantizeLinear', [last, constant('scale', dequantize.dims, dequantize.scale), zero], scaled, dequantize.perChannel ? [{ name: 'axis', type: INT, i: 1 }] : []);
  } else {
    node('Cast', [last], fresh('cast'), [castToFloat]);
    node('Mul', [last, constant('mul_by', [1, channels, 1, 1], spec.scale)], scaled);
  }
  if (hasBias) node('Add', [last, constant('add_by', [1, channels, 1, 1], spec.bias)], float);
  // Nodes must come in topological order: these feed everything that read the input.
  graph.node.unshift(...nodes);
  tensor.elemType = DT.UINT8;
  return model;
}

const INT = onnx.AttributeProto.AttributeType.INT;
const castToFloat = { name: 'to', type: INT, i: DT.FLOAT };

/**
 * DequantizeLinear's scale for these per-channel scales, where the opset allows it: a scalar when
 * all are equal (opset 10 on), one per channel along axis 1 (opset 13 on). Only finite positive
 * scales, the kind quantization tools write, so that no graph optimizer meets a form it does not
 * expect.
 */
function dequantizeFor(scale: number[], opset: number): { scale: number[]; dims: number[]; perChannel: boolean } | undefined {
  if (!scale.every((s) => Number.isFinite(s) && s > 0 && Math.fround(s) > 0)) return undefined;
  if (scale.every((s) => Math.fround(s) === Math.fround(scale[0])) && opset >= 10) return { scale: [scale[0]], dims: [], perChannel: false };
  if (opset >= 13) return { scale, dims: [scale.length], perChannel: true };
  return undefined;
}
