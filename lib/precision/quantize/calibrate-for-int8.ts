/**
 * The calibration half of INT8 static quantization, shared by quantizeStatic (one model out) and
 * the mixed-precision search (many variants from one calibration): prepare the model, check it
 * against the input spec, stream the calibration images through it, and turn each planned
 * activation's histogram into quantization parameters by the chosen method. Throws ProblemError.
 */
import { problem, ProblemError, type Problem } from '@/lib/pipeline/problems';
import { augmentForCalibration } from '../calibrate/augment-model';
import { collectStatistics } from '../calibrate/collect-statistics';
import { listCalibrationImages } from '../calibrate/list-images';
import { tensorRange } from '../calibrate/tensor-range';
import { planesOf, type InputSpec } from '../input-spec';
import { Int8Options, type Int8OptionsInput } from './options';
import { planQuantization, type QuantPlan } from './plan';
import { prepareModel, type Prepared } from './prepare-model';
import { DT, graphOf, type GraphProto } from './proto';
import { quantParams, type QuantParams } from './quant-params';
import { cpuHasVnni } from '../targets/detect-cpu';

export interface CalibrationRequest {
  model: Uint8Array;
  /** Shown in messages (e.g. the model's path). */
  modelName?: string;
  calibFolder: string;
  spec: InputSpec;
  options?: Int8OptionsInput;
  onProgress?: (done: number, total: number) => void;
}

export interface Int8Calibration extends Prepared {
  /** The options as used, the weight type decided. */
  options: Int8Options & { weightType: 'int8' | 'uint8' };
  graph: GraphProto;
  plan: QuantPlan;
  params: Map<string, QuantParams>;
  nonFloat: Set<string>;
  calibrationFiles: string[];
}

export async function calibrateForInt8(req: CalibrationRequest): Promise<Int8Calibration> {
  const parsed = Int8Options.safeParse(req.options ?? {});
  if (!parsed.success) throw new ProblemError(parsed.error.issues.map((i) => problem('node.bad-params', `INT8 option ${i.path.join('.')}: ${i.message}`, { path: i.path as (string | number)[] })));
  // Unset, the weight type follows this CPU: the variant is measured here, on the kind of machine most lines run it on.
  const options = { ...parsed.data, weightType: parsed.data.weightType ?? (cpuHasVnni() ? ('int8' as const) : ('uint8' as const)) };
  const where = req.modelName ?? 'the model';
  const prepared = orThrow(await prepareModel(req.model, where));
  const [n, c, h, w] = prepared.inputDims;
  if (c !== planesOf(req.spec) || h !== req.spec.height || w !== req.spec.width) {
    const msg = `${where} takes input "${prepared.inputName}" as ${c}×${h}×${w} (C×H×W) but the input spec gives ${planesOf(req.spec)}×${req.spec.height}×${req.spec.width} (${req.spec.channels})`;
    throw new ProblemError([problem('model.input-mismatch', msg)]);
  }
  const images = orThrow(await listCalibrationImages(req.calibFolder, options.maxImages));
  const graph = graphOf(prepared.model);
  const knownNonFloat = new Set<string>();
  for (const t of graph.initializer) if (t.dataType !== DT.FLOAT) knownNonFloat.add(t.name!);
  for (const v of graph.valueInfo) if (v.type?.tensorType?.elemType && v.type.tensorType.elemType !== DT.FLOAT) knownNonFloat.add(v.name!);
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
  return { ...prepared, options, graph, plan, params, nonFloat, calibrationFiles: images.files };
}

function orThrow<T extends object>(r: ({ ok: true } & T) | { ok: false; problems: Problem[] }): T {
  if (!r.ok) throw new ProblemError(r.problems);
  return r;
}
