/**
 * How well one variant does on a labelled dataset, streaming: one image is decoded, run and
 * reduced to a small record (a class, a score, or its detections after NMS) before the next, so
 * memory stays bounded however many images there are. Also returns each item's decision — the
 * argmax class, pass/fail, or the detected classes as a string — for agreement between variants.
 *
 * Anomaly score: the scalar output if the model has one, else the max of its first output (map).
 * Anomaly rates are per 1,000 defective parts (missed) and per 1,000 good parts (false rejects),
 * so they do not depend on the dataset's good/defect mix.
 */
import { z } from 'zod';
import { problem, ProblemError } from '@/lib/pipeline/problems';
import type { ModelOutputs, ModelSession } from '@/lib/pipeline/runtime/services';
import type { Tensor } from '@/lib/pipeline/values';
import { imageIntoTensor } from '../calibrate/image-tensor';
import { planesOf, type InputSpec } from '../input-spec';
import { anomalyScore, argmax, classIndexMap, decodeDetectorOutputs, firstOutput } from './decode-outputs';
import type { Dataset, DatasetItem } from './load-dataset';
import { anomalyRates, thresholdForFalseRejects } from './metrics/anomaly-threshold';
import { auroc } from './metrics/auroc';
import { meanAveragePrecision, type ScoredBox, type TruthBox } from './metrics/average-precision';
import { classificationMetrics } from './metrics/classification';
import type { VariantQuality } from './report-schema';

export const QualityOptions = z
  .object({
    /** Anomaly: fail when score > threshold. Absent: chosen on the data (see maxFalseRejectRate). */
    threshold: z.number().optional(),
    /** Anomaly, no threshold given: the smallest threshold rejecting at most this share of good parts. */
    maxFalseRejectRate: z.number().min(0).max(1).default(0.01),
    decoder: z.enum(['yolo', 'fastestdet', 'ssd']).default('yolo'),
    /** Detection: candidates kept for mAP (low, as mAP integrates over all scores). */
    scoreThreshold: z.number().min(0).max(1).default(0.001),
    iouThreshold: z.number().min(0).max(1).default(0.45),
    maxDetections: z.number().int().min(1).max(10000).default(100),
    objectness: z.enum(['auto', 'yes', 'no']).default('auto'),
    /** Detection: detections at or above this score make the item's decision. */
    decisionScore: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type QualityOptions = z.input<typeof QualityOptions> & { onProgress?: (done: number, total: number) => void };

export interface QualityResult {
  quality: VariantQuality;
  decisions: (number | string)[];
  /** What the reader must know to trust the numbers (e.g. a threshold chosen on this very set). */
  notes: string[];
}

export async function measureQuality(session: ModelSession, dataset: Dataset, spec: InputSpec, options: QualityOptions = {}): Promise<QualityResult> {
  const o = QualityOptions.parse(stripProgress(options));
  if (dataset.items.length === 0) throw new ProblemError([problem('precision.dataset-empty', `Dataset ${dataset.root} has no items`)]);
  const input = new Float32Array(planesOf(spec) * spec.width * spec.height);
  const feedName = session.inputNames[0];
  const records: (number | ScoredBox[])[] = [];
  let modelIndex: number[] | undefined;
  for (const [i, item] of dataset.items.entries()) {
    await fill(item, spec, input);
    const outputs = await run(session, feedName, { dims: [1, planesOf(spec), spec.height, spec.width], data: input }, item);
    if (dataset.task === 'classification') {
      const scores = firstOutput(outputs, session.outputNames).data;
      modelIndex ??= classIndexMap(dataset.classes, scores.length);
      records.push(argmax(scores));
    } else if (dataset.task === 'anomaly') {
      records.push(anomalyScore(outputs, session.outputNames));
    } else {
      records.push(decodeDetectorOutputs(outputs, spec, o));
    }
    options.onProgress?.(i + 1, dataset.items.length);
  }
  if (dataset.task === 'classification') return classification(dataset, records as number[], modelIndex!);
  if (dataset.task === 'anomaly') return anomaly(dataset, records as number[], o);
  return detection(dataset, records as ScoredBox[][], spec, o.decisionScore);
}

function classification(dataset: Dataset, predicted: number[], modelIndex: number[]): QualityResult {
  // Dataset labels → model output indices, so a folder subset (e.g. digits 3 and 7) scores right.
  const labels = dataset.items.map((it) => modelIndex[it.label!]);
  const names: string[] = [];
  modelIndex.forEach((m, c) => (names[m] = dataset.classes[c]));
  const full = Array.from({ length: Math.max(...modelIndex) + 1 }, (_, i) => names[i] ?? `#${i}`);
  const { accuracy, perClassRecall } = classificationMetrics(labels, predicted, full);
  return { quality: { accuracy, perClassRecall }, decisions: predicted, notes: [] };
}

function anomaly(dataset: Dataset, scores: number[], o: z.output<typeof QualityOptions>): QualityResult {
  const defective = dataset.items.map((it) => it.label !== 0);
  const chosen = o.threshold === undefined;
  const threshold = o.threshold ?? thresholdForFalseRejects(scores.filter((_, i) => !defective[i]), o.maxFalseRejectRate);
  const area = auroc(scores, defective);
  const notes = chosen
    ? [`threshold ${round(threshold)} chosen on this dataset as the smallest with at most ${100 * o.maxFalseRejectRate}% false rejects on good parts; pass --threshold to score a fixed one`]
    : [];
  const decisions = scores.map((s) => (s > threshold ? 'fail' : 'pass'));
  // Per type: good parts are "recalled" when passed, defects when failed.
  const perClassRecall = classificationMetrics(
    dataset.items.map((it) => it.label!),
    dataset.items.map((it, i) => ((decisions[i] === 'fail') === (it.label !== 0) ? it.label! : -1)),
    dataset.classes,
  ).perClassRecall;
  return {
    quality: { ...anomalyRates(scores, defective, threshold), ...(area === undefined ? {} : { auroc: area }), threshold, thresholdChosenOnData: chosen, perClassRecall },
    decisions,
    notes,
  };
}

function detection(dataset: Dataset, found: ScoredBox[][], spec: InputSpec, decisionScore: number): QualityResult {
  const truths: TruthBox[][] = dataset.items.map((it) =>
    (it.boxes ?? []).map((b) => ({ classId: b.cls, box: [(b.cx - b.w / 2) * spec.width, (b.cy - b.h / 2) * spec.height, b.w * spec.width, b.h * spec.height] })),
  );
  const { map, perClass } = meanAveragePrecision(found, truths);
  const perClassAp50 = Object.fromEntries([...perClass].map(([c, ap]) => [dataset.classes[c] ?? `class${c}`, ap]));
  const decisions = found.map((ds) =>
    ds
      .filter((d) => d.score >= decisionScore)
      .map((d) => d.classId)
      .sort((a, b) => a - b)
      .join(','),
  );
  return { quality: { map50: map ?? 0, perClassAp50 }, decisions, notes: [] };
}

async function fill(item: DatasetItem, spec: InputSpec, input: Float32Array): Promise<void> {
  try {
    await imageIntoTensor(item.path, spec, input, 0);
  } catch (err) {
    if (!(err instanceof ProblemError)) throw err;
    const why = err.problems[0]?.message.replace(/^Calibration image .*? cannot be used: /, '') ?? err.message;
    throw new ProblemError([problem('precision.dataset-image', `Dataset image ${item.path} cannot be used: ${why}`, { path: [item.path] })]);
  }
}

async function run(session: ModelSession, name: string, tensor: Tensor, item: DatasetItem): Promise<ModelOutputs> {
  try {
    return await session.run({ [name]: tensor });
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new ProblemError([problem('model.input-mismatch', `The model failed on dataset image ${item.path} fed as [${tensor.dims.join(', ')}]: ${why}`, { path: [item.path] })]);
  }
}

function stripProgress(options: QualityOptions): z.input<typeof QualityOptions> {
  const { onProgress: _ignored, ...rest } = options;
  return rest;
}

const round = (v: number) => Number(v.toPrecision(6));
