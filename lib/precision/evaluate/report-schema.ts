/**
 * The evaluation report: what `loupe precision eval --save` writes next to a model as
 * `<stem>.eval.json` (stem without `.onnx` and without a precision suffix: m.int8.onnx → m), and
 * what the editor and the Precision Lab read to show measured variants beside a precision choice.
 * One schema, so the writer and the readers cannot drift.
 */
import { z } from 'zod';

export const EvalTask = z.enum(['classification', 'anomaly', 'detection']);
export type EvalTask = z.infer<typeof EvalTask>;

export const VariantPrecision = z.enum(['fp32', 'fp16', 'int8', 'mixed']);
export type VariantPrecision = z.infer<typeof VariantPrecision>;

const rate = z.number().min(0).max(1);

export const VariantQuality = z
  .object({
    /**
     * classification: top-1 accuracy and recall per class name. anomaly: per class too — for good/
     * the share passed, for each defect type the share caught (failed).
     */
    accuracy: rate.optional(),
    perClassRecall: z.record(z.string(), rate).optional(),
    /**
     * anomaly: at the report's threshold, missed per 1,000 defective parts and false rejects per
     * 1,000 good parts (rates, independent of the dataset's mix); AUROC needs no threshold.
     */
    missedPer1000: z.number().min(0).max(1000).optional(),
    falseRejectsPer1000: z.number().min(0).max(1000).optional(),
    auroc: rate.optional(),
    threshold: z.number().optional(),
    /** True when the threshold was chosen on this same dataset (optimistic), false when given. */
    thresholdChosenOnData: z.boolean().optional(),
    /** detection: mean average precision at IoU 0.5. */
    map50: rate.optional(),
    /** detection: AP at IoU 0.5 per class name (classes with ground truth only). */
    perClassAp50: z.record(z.string(), rate).optional(),
  })
  .strict();
export type VariantQuality = z.infer<typeof VariantQuality>;

export const VariantReport = z
  .object({
    /** Path of the variant, relative to the report file's folder. */
    path: z.string().min(1),
    precision: VariantPrecision,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
    quality: VariantQuality,
    /** Share of items where this variant's decision equals the FP32 (first) variant's. */
    agreement: rate,
    latencyMs: z.object({ p50: z.number().nonnegative(), p99: z.number().nonnegative() }).strict(),
    throughput: z.object({ batch1: z.number().nonnegative(), batchN: z.number().nonnegative(), batchSize: z.number().int().positive() }).strict(),
    peakMemoryMb: z.number().nonnegative(),
    warnings: z.array(z.string()).default([]),
  })
  .strict();
export type VariantReport = z.infer<typeof VariantReport>;

export const EvalReport = z
  .object({
    version: z.literal(1),
    task: EvalTask,
    dataset: z.string(),
    items: z.number().int().nonnegative(),
    target: z.string(),
    createdAt: z.string(),
    variants: z.array(VariantReport).min(1),
    /** How numbers were measured (peak-memory method, thresholds chosen on the data, …). */
    notes: z.array(z.string()).optional(),
  })
  .strict();
export type EvalReport = z.infer<typeof EvalReport>;

/** `<dir>/<stem>.eval.json` for any variant of a model. */
export function evalReportPath(modelPath: string): string {
  const slash = Math.max(modelPath.lastIndexOf('/'), modelPath.lastIndexOf('\\'));
  const dir = modelPath.slice(0, slash + 1);
  const stem = modelPath.slice(slash + 1).replace(/\.onnx$/i, '').replace(/\.(fp32|fp16|int8|mixed)$/i, '');
  return `${dir}${stem}.eval.json`;
}
