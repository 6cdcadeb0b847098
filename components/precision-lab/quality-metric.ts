/** The one quality number a task is judged by, for the plot's y axis. */
import type { EvalTask, VariantReport } from '@/lib/precision/evaluate/report-schema';

export interface QualityMetric {
  label: string;
  /** Higher is better (false for missed defects). */
  higherIsBetter: boolean;
  value(v: VariantReport): number | undefined;
}

export function qualityMetric(task: EvalTask): QualityMetric {
  if (task === 'anomaly') return { label: 'missed defects per 1,000 (lower is better)', higherIsBetter: false, value: (v) => v.quality.missedPer1000 };
  if (task === 'detection') return { label: 'mAP@0.5 (%)', higherIsBetter: true, value: (v) => (v.quality.map50 === undefined ? undefined : v.quality.map50 * 100) };
  return { label: 'accuracy (%)', higherIsBetter: true, value: (v) => (v.quality.accuracy === undefined ? undefined : v.quality.accuracy * 100) };
}
