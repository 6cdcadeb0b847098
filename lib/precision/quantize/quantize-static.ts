/**
 * INT8 static quantization of an FP32 ONNX model, QDQ format: prepare the model, calibrate the
 * planned activations on a folder of images (streamed), compute scales by the chosen method, and
 * insert Q/DQ pairs with int8 weights and int32 biases. Bad input comes back as Problems.
 */
import { ProblemError, type Problem } from '@/lib/pipeline/problems';
import { calibrateForInt8, type CalibrationRequest } from './calibrate-for-int8';
import { insertQdq } from './insert-qdq';
import { graphOf, onnx } from './proto';

export type Int8Request = CalibrationRequest;

export interface Int8Report {
  method: string;
  images: number;
  quantizedNodes: Record<string, number>;
  activations: number;
  qdqDomain: 'ai.onnx' | 'com.microsoft';
  fp32Bytes: number;
  int8Bytes: number;
}

export type Int8Result = { ok: true; bytes: Uint8Array; report: Int8Report } | { ok: false; problems: Problem[] };

export async function quantizeStatic(req: Int8Request): Promise<Int8Result> {
  let calibrated;
  try {
    calibrated = await calibrateForInt8(req);
  } catch (err) {
    if (err instanceof ProblemError) return { ok: false, problems: err.problems };
    throw err;
  }
  const { options, plan, params, calibrationFiles, model } = calibrated;
  const settings = { opset: calibrated.opset, perChannel: options.perChannel, symmetricActivations: options.symmetricActivations, activationType: options.activationType, weightType: options.weightType, params };
  insertQdq(model, plan, settings);
  model.producerName = 'loupe-int8';
  const bytes = onnx.ModelProto.encode(model).finish();
  const quantizedNodes: Record<string, number> = {};
  for (const node of plan.nodes) quantizedNodes[node.opType!] = (quantizedNodes[node.opType!] ?? 0) + 1;
  const msDomain = model.opsetImport.some((o) => o.domain === 'com.microsoft') && graphOf(model).node.some((x) => x.domain === 'com.microsoft' && x.opType === 'DequantizeLinear');
  return {
    ok: true,
    bytes,
    report: {
      method: options.method === 'percentile' ? `percentile ${options.percentile}` : options.method,
      images: calibrationFiles.length,
      quantizedNodes,
      activations: params.size,
      qdqDomain: msDomain ? 'com.microsoft' : 'ai.onnx',
      fp32Bytes: req.model.byteLength,
      int8Bytes: bytes.byteLength,
    },
  };
}
