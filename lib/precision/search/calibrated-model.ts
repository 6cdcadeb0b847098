/**
 * The FP32 model prepared and calibrated once for the whole search: every variant the search
 * tries (one node quantized for sensitivity, a mixed assignment) reuses these activation ranges,
 * so trying a variant costs a graph rewrite, never another calibration pass. The calibration is
 * quantizeStatic's own (calibrate-for-int8.ts).
 */
import { calibrateForInt8, type CalibrationRequest, type Int8Calibration } from '../quantize/calibrate-for-int8';
import { MOVE_OPS } from '../quantize/options';
import type { Prepared } from '../quantize/prepare-model';
import { onnx, type NodeProto } from '../quantize/proto';
import type { QuantParams } from '../quantize/quant-params';

/** A node the search decides a precision for (compute ops; move ops follow their producer). */
export interface SearchUnit {
  id: string;
  opType: string;
  /** The constant weight input, when the node has one (Conv, Gemm, MatMul). */
  weight?: string;
}

export interface CalibratedModel extends Prepared {
  options: Int8Calibration['options'];
  fp32Bytes: Uint8Array;
  units: SearchUnit[];
  /** Node ids the INT8 planner would quantize (units and move ops). */
  quantizable: Set<string>;
  params: Map<string, QuantParams>;
  nonFloat: Set<string>;
  calibrationFiles: string[];
}

export const nodeId = (n: NodeProto): string => n.name || n.output[0];
const MOVE = new Set<string>(MOVE_OPS);

export async function calibrateModel(req: CalibrationRequest): Promise<CalibratedModel> {
  const { graph, plan, calibrationFiles, ...calibrated } = await calibrateForInt8(req);
  const units: SearchUnit[] = [];
  for (const node of graph.node) {
    if (!plan.nodes.has(node) || MOVE.has(node.opType!)) continue;
    const wIndex = plan.roles.get(node)!.indexOf('weight');
    units.push({ id: nodeId(node), opType: node.opType!, ...(wIndex >= 0 ? { weight: node.input[wIndex] } : {}) });
  }
  const { model, opset, inputName, inputDims, options, params, nonFloat } = calibrated;
  return {
    model,
    opset,
    inputName,
    inputDims,
    options,
    fp32Bytes: onnx.ModelProto.encode(model).finish(),
    units,
    quantizable: new Set([...plan.nodes].map(nodeId)),
    params,
    nonFloat,
    calibrationFiles,
  };
}
