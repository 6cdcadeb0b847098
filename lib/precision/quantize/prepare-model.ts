/**
 * Vets an FP32 model for INT8 and puts it in the shape quantization needs, like ORT's
 * quant_pre_process: weights stop being overridable graph inputs, then ONNX Runtime's basic
 * (standard-op only) optimiser folds constants, BatchNorm and bias Adds into Convs, so each Conv
 * has an initializer weight and bias to quantize. The result is still plain ONNX.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { QDQ_MIN_OPSET, setOpset, targetOpset, upgradeToOpset10 } from './upgrade-opset';
import { defaultOpset, DT, graphOf, onnx, type ModelProto } from './proto';

export interface Prepared {
  model: ModelProto;
  opset: number;
  inputName: string;
  /** [N, C, H, W]; N is undefined when the batch dimension is symbolic. */
  inputDims: [number | undefined, number, number, number];
}

export type PrepareResult = ({ ok: true } & Prepared) | { ok: false; problems: Problem[] };

export async function prepareModel(bytes: Uint8Array, where = 'the model'): Promise<PrepareResult> {
  const fail = (code: Problem['code'], message: string): PrepareResult => ({ ok: false, problems: [problem(code, message)] });
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    return fail('model.not-onnx', `${where} is not an ONNX model: ${(err as Error).message}`);
  }
  const graph = model.graph ? graphOf(model) : undefined;
  if (!graph || !model.irVersion || graph.node.length === 0) return fail('model.not-onnx', `${where} is not an ONNX model: no graph, IR version or nodes`);
  const opset = defaultOpset(model);
  if (opset === undefined || opset < 7 || opset > 23) return fail('model.unsupported', `${where} has opset ${opset ?? 'none'}; INT8 quantization supports ai.onnx opsets 7–23`);
  if (graph.initializer.some((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData ?? []).length > 0)) {
    return fail('model.unsupported', `${where} keeps weights in an external data file; save it with its weights inside`);
  }
  const inits = new Set(graph.initializer.map((t) => t.name!));
  const inputs = graph.input.filter((i) => !inits.has(i.name!));
  if (inputs.length !== 1) return fail('model.unsupported', `${where} has ${inputs.length} inputs; INT8 calibration feeds exactly one image input`);
  const input = inputs[0];
  const tensorType = input.type?.tensorType;
  const dims = (tensorType?.shape?.dim ?? []).map((d) => (d.dimValue != null && Number(d.dimValue) > 0 ? Number(d.dimValue) : undefined));
  if (tensorType?.elemType !== DT.FLOAT || dims.length !== 4 || dims.slice(1).some((d) => d === undefined)) {
    return fail('model.unsupported', `${where}: input "${input.name}" must be float32 [N, C, H, W] with fixed C, H, W (got ${describeDims(dims)})`);
  }
  // Weights listed as inputs could be overridden at run time, which blocks folding; IR ≥ 4 lets them go.
  graph.input = inputs;
  if (Number(model.irVersion) < 4) model.irVersion = 4;
  const upgraded = targetOpset(model, opset);
  if (upgraded !== opset && upgraded === QDQ_MIN_OPSET) {
    const refused = upgradeToOpset10(model, where);
    if (refused) return { ok: false, problems: [refused] };
  } else if (upgraded !== opset) setOpset(model, upgraded);
  let optimised: ModelProto;
  try {
    optimised = await ortBasicOptimise(onnx.ModelProto.encode(model).finish());
  } catch (err) {
    return fail('model.unsupported', `ONNX Runtime cannot load ${where}: ${(err as Error).message}`);
  }
  return { ok: true, model: optimised, opset: upgraded, inputName: input.name!, inputDims: dims as Prepared['inputDims'] };
}

async function ortBasicOptimise(bytes: Uint8Array): Promise<ModelProto> {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-int8-'));
  try {
    const path = join(dir, 'basic.onnx');
    const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'basic', optimizedModelFilePath: path, logSeverityLevel: 3 });
    await session.release();
    const model = onnx.ModelProto.decode(await readFile(path));
    // ORT's writer imports every domain it knows; keep only those the graph uses.
    const used = new Set(graphOf(model).node.map((n) => n.domain ?? ''));
    model.opsetImport = model.opsetImport.filter((o) => !o.domain || o.domain === 'ai.onnx' || used.has(o.domain));
    return model;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function describeDims(dims: (number | undefined)[]): string {
  return `[${dims.map((d) => d ?? '?').join(', ')}]`;
}
