/**
 * The FP32 model prepared and calibrated once for the whole search: every variant the search
 * tries (one node quantized for sensitivity, a mixed assignment) reuses these activation ranges,
 * so trying a variant costs a graph rewrite, never another calibration pass. Mirrors
 * quantizeStatic's steps up to the Q/DQ insertion.
 */
import { problem, ProblemError, type Problem } from '@/lib/pipeline/problems';
import { augmentForCalibration } from '../calibrate/augment-model';
import { collectStatistics } from '../calibrate/collect-statistics';
import { listCalibrationImages } from '../calibrate/list-images';
import { tensorRange } from '../calibrate/tensor-range';
import { planesOf, type InputSpec } from '../input-spec';
import { Int8Options, MOVE_OPS, type Int8OptionsInput } from '../quantize/options';
import { planQuantization } from '../quantize/plan';
import { prepareModel, type Prepared } from '../quantize/prepare-model';
import { DT, graphOf, onnx, type NodeProto } from '../quantize/proto';
import { quantParams, type QuantParams } from '../quantize/quant-params';

/** A node the search decides a precision for (compute ops; move ops follow their producer). */
export interface SearchUnit {
  id: string;
  opType: string;
  /** The constant weight input, when the node has one (Conv, Gemm, MatMul). */
  weight?: string;
}

export interface CalibratedModel extends Prepared {
  options: Int8Options;
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

export async function calibrateModel(req: { model: Uint8Array; modelName?: string; calibFolder: string; spec: InputSpec; options?: Int8OptionsInput; onProgress?: (done: number, total: number) => void }): Promise<CalibratedModel> {
  const parsed = Int8Options.safeParse(req.options ?? {});
  if (!parsed.success) throw new ProblemError(parsed.error.issues.map((i) => problem('node.bad-params', `INT8 option ${i.path.join('.')}: ${i.message}`)));
  const options = parsed.data;
  const where = req.modelName ?? 'the model';
  const prepared = orThrow(await prepareModel(req.model, where));
  const [n, c, h, w] = prepared.inputDims;
  if (c !== planesOf(req.spec) || h !== req.spec.height || w !== req.spec.width) {
    throw new ProblemError([problem('model.input-mismatch', `${where} takes input "${prepared.inputName}" as ${c}×${h}×${w} (C×H×W) but the input spec gives ${planesOf(req.spec)}×${req.spec.height}×${req.spec.width} (${req.spec.channels})`)]);
  }
  const images = orThrow(await listCalibrationImages(req.calibFolder, options.maxImages));
  const graph = graphOf(prepared.model);
  const knownNonFloat = new Set<string>();
  for (const t of graph.initializer) if (t.dataType !== DT.FLOAT) knownNonFloat.add(t.name!);
  const consts = new Set(graph.initializer.map((t) => t.name!));
  const measured = planQuantization(graph, options, knownNonFloat).activations.filter((t) => !consts.has(t));
  const stats = await collectStatistics({
    modelBytes: augmentForCalibration(prepared.model, measured),
    inputName: prepared.inputName,
    inputDims: [n ?? options.batchSize, c, h, w],
    files: images.files,
    spec: req.spec,
    tensors: measured,
    onProgress: req.onProgress,
  }).catch((err: unknown) => {
    if (err instanceof ProblemError) throw err;
    throw new ProblemError([problem('model.unsupported', `Calibration run of ${where} failed in ONNX Runtime: ${(err as Error).message}`)]);
  });
  const nonFloat = new Set([...knownNonFloat, ...stats.nonFloat]);
  const plan = planQuantization(graph, options, nonFloat);
  const params = new Map<string, QuantParams>();
  for (const t of plan.activations) {
    let root = t;
    while (plan.aliases.has(root)) root = plan.aliases.get(root)!;
    const hist = stats.histograms.get(root);
    if (!hist) continue;
    const r = tensorRange(hist, options.method, options.percentile);
    params.set(t, quantParams(r.lo, r.hi, options.activationType, options.symmetricActivations));
  }
  const units: SearchUnit[] = [];
  for (const node of graph.node) {
    if (!plan.nodes.has(node) || MOVE.has(node.opType!)) continue;
    const wIndex = plan.roles.get(node)!.indexOf('weight');
    units.push({ id: nodeId(node), opType: node.opType!, ...(wIndex >= 0 ? { weight: node.input[wIndex] } : {}) });
  }
  return {
    ...prepared,
    options,
    fp32Bytes: onnx.ModelProto.encode(prepared.model).finish(),
    units,
    quantizable: new Set([...plan.nodes].map(nodeId)),
    params,
    nonFloat,
    calibrationFiles: images.files,
  };
}

function orThrow<T extends object>(r: ({ ok: true } & T) | { ok: false; problems: Problem[] }): T {
  if (!r.ok) throw new ProblemError(r.problems);
  return r;
}
