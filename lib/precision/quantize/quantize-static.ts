/**
 * INT8 static quantization of an FP32 ONNX model, QDQ format: prepare the model, calibrate the
 * planned activations on a folder of images (streamed), compute scales by the chosen method, and
 * insert Q/DQ pairs with int8 weights and int32 biases. Bad input comes back as Problems.
 */
import { problem, ProblemError, type Problem } from '@/lib/pipeline/problems';
import { augmentForCalibration } from '../calibrate/augment-model';
import { collectStatistics } from '../calibrate/collect-statistics';
import { listCalibrationImages } from '../calibrate/list-images';
import { tensorRange } from '../calibrate/tensor-range';
import { planesOf, type InputSpec } from '../input-spec';
import { insertQdq } from './insert-qdq';
import { Int8Options, type Int8OptionsInput } from './options';
import { planQuantization } from './plan';
import { prepareModel } from './prepare-model';
import { DT, graphOf, onnx } from './proto';
import { quantParams, type QuantParams } from './quant-params';

export interface Int8Request {
  model: Uint8Array;
  /** Shown in messages (e.g. the model's path). */
  modelName?: string;
  calibFolder: string;
  spec: InputSpec;
  options?: Int8OptionsInput;
  onProgress?: (done: number, total: number) => void;
}

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
  const parsed = Int8Options.safeParse(req.options ?? {});
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => problem('node.bad-params', `INT8 option ${i.path.join('.')}: ${i.message}`, { path: i.path as (string | number)[] })) };
  const options = parsed.data;
  const where = req.modelName ?? 'the model';
  const prepared = await prepareModel(req.model, where);
  if (!prepared.ok) return prepared;
  const [n, c, h, w] = prepared.inputDims;
  if (c !== planesOf(req.spec) || h !== req.spec.height || w !== req.spec.width) {
    const msg = `${where} takes input "${prepared.inputName}" as ${c}×${h}×${w} (C×H×W) but the input spec gives ${planesOf(req.spec)}×${req.spec.height}×${req.spec.width} (${req.spec.channels})`;
    return { ok: false, problems: [problem('model.input-mismatch', msg)] };
  }
  const images = await listCalibrationImages(req.calibFolder, options.maxImages);
  if (!images.ok) return images;

  const graph = graphOf(prepared.model);
  const knownNonFloat = new Set<string>();
  for (const t of graph.initializer) if (t.dataType !== DT.FLOAT) knownNonFloat.add(t.name!);
  for (const v of graph.valueInfo) if (v.type?.tensorType?.elemType && v.type.tensorType.elemType !== DT.FLOAT) knownNonFloat.add(v.name!);
  const draft = planQuantization(graph, options, knownNonFloat);
  const consts = new Set(graph.initializer.map((t) => t.name!));
  const measured = draft.activations.filter((t) => !consts.has(t));
  let stats;
  try {
    stats = await collectStatistics({
      modelBytes: augmentForCalibration(prepared.model, measured),
      inputName: prepared.inputName,
      inputDims: [n ?? options.batchSize, c, h, w],
      files: images.files,
      spec: req.spec,
      tensors: measured,
      onProgress: req.onProgress,
    });
  } catch (err) {
    if (err instanceof ProblemError) return { ok: false, problems: err.problems };
    return { ok: false, problems: [problem('model.unsupported', `Calibration run of ${where} failed in ONNX Runtime: ${(err as Error).message}`)] };
  }

  const plan = planQuantization(graph, options, new Set([...knownNonFloat, ...stats.nonFloat]));
  const params = new Map<string, QuantParams>();
  for (const t of plan.activations) {
    let root = t;
    while (plan.aliases.has(root)) root = plan.aliases.get(root)!;
    const hist = stats.histograms.get(root);
    if (!hist) continue;
    const r = tensorRange(hist, options.method, options.percentile);
    params.set(t, quantParams(r.lo, r.hi, options.activationType, options.symmetricActivations));
  }
  const settings = { opset: prepared.opset, perChannel: options.perChannel, symmetricActivations: options.symmetricActivations, activationType: options.activationType, params };
  insertQdq(prepared.model, plan, settings);
  prepared.model.producerName = 'loupe-int8';
  const bytes = onnx.ModelProto.encode(prepared.model).finish();
  const quantizedNodes: Record<string, number> = {};
  for (const node of plan.nodes) quantizedNodes[node.opType!] = (quantizedNodes[node.opType!] ?? 0) + 1;
  const msDomain = prepared.model.opsetImport.some((o) => o.domain === 'com.microsoft') && graphOf(prepared.model).node.some((x) => x.domain === 'com.microsoft' && x.opType === 'DequantizeLinear');
  return {
    ok: true,
    bytes,
    report: {
      method: options.method === 'percentile' ? `percentile ${options.percentile}` : options.method,
      images: images.files.length,
      quantizedNodes,
      activations: params.size,
      qdqDomain: msDomain ? 'com.microsoft' : 'ai.onnx',
      fp32Bytes: req.model.byteLength,
      int8Bytes: bytes.byteLength,
    },
  };
}
