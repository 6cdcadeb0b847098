/**
 * The user's budget in inspector terms, and whether a candidate keeps to it against the FP32
 * reference on the held-out set. `points` is quality lost vs FP32 in percentage points: top-1
 * accuracy (classification), mAP@0.5 (detection) or AUROC (anomaly). `maxMissedPer1000` and
 * `maxFalseRejectsPer1000` (anomaly sets only) are absolute limits on the variant at the FP32
 * threshold — what the line will see, not a difference — so an FP32 model already over the limit
 * makes every variant fail, honestly.
 */
import { z } from 'zod';
import { problem, type Problem } from '@/lib/pipeline/problems';
import type { EvalTask, VariantQuality } from '../evaluate/report-schema';

export const Budget = z
  .object({
    points: z.number().min(0).max(100).optional(),
    maxMissedPer1000: z.number().min(0).max(1000).optional(),
    maxFalseRejectsPer1000: z.number().min(0).max(1000).optional(),
  })
  .strict()
  .refine((b) => b.points !== undefined || b.maxMissedPer1000 !== undefined || b.maxFalseRejectsPer1000 !== undefined, {
    message: 'give a budget: points of accuracy, or missed defects / false rejects per 1,000 parts',
  });
export type Budget = z.infer<typeof Budget>;

export interface BudgetCheck {
  met: boolean;
  /** Quality lost vs FP32 in points (negative: the variant scored higher). */
  lostPoints?: number;
  missedPer1000?: number;
  falseRejectsPer1000?: number;
  /** How far over the tightest limit (0 when met): ranks candidates when none meets it. */
  excess: number;
}

export const POINTS_METRIC: Record<EvalTask, 'accuracy' | 'map50' | 'auroc'> = { classification: 'accuracy', detection: 'map50', anomaly: 'auroc' };

/** Problems when the budget cannot be judged on this task (called once, with the FP32 quality). */
export function budgetProblems(task: EvalTask, budget: Budget, reference: VariantQuality): Problem[] {
  const bad = (m: string) => problem('precision.bad-budget', m);
  const out: Problem[] = [];
  if (task !== 'anomaly' && (budget.maxMissedPer1000 !== undefined || budget.maxFalseRejectsPer1000 !== undefined)) {
    out.push(bad(`--max-missed and --max-false-rejects apply to anomaly sets (good/ plus defect folders); this ${task} set takes --budget <points> of ${POINTS_METRIC[task]}`));
  }
  if (budget.points !== undefined && reference[POINTS_METRIC[task]] === undefined) {
    out.push(bad(`--budget is in points of ${POINTS_METRIC[task]}, which the FP32 model has no value for on this ${task} set (e.g. AUROC needs good and defective parts)`));
  }
  return out;
}

export function checkBudget(task: EvalTask, budget: Budget, reference: VariantQuality, candidate: VariantQuality): BudgetCheck {
  const overs: number[] = [];
  const out: BudgetCheck = { met: true, excess: 0 };
  if (budget.points !== undefined) {
    const metric = POINTS_METRIC[task];
    out.lostPoints = round(100 * ((reference[metric] ?? 0) - (candidate[metric] ?? 0)));
    overs.push(out.lostPoints - budget.points);
  }
  if (budget.maxMissedPer1000 !== undefined) {
    out.missedPer1000 = candidate.missedPer1000 ?? 1000;
    overs.push(out.missedPer1000 - budget.maxMissedPer1000);
  }
  if (budget.maxFalseRejectsPer1000 !== undefined) {
    out.falseRejectsPer1000 = candidate.falseRejectsPer1000 ?? 1000;
    overs.push(out.falseRejectsPer1000 - budget.maxFalseRejectsPer1000);
  }
  // A hair of float noise must not turn "lost exactly the budget" into a miss.
  out.excess = Math.max(0, ...overs.map((o) => (o > 1e-9 ? o : 0)));
  out.met = out.excess === 0;
  return out;
}

export function describeBudget(b: Budget): string {
  const parts: string[] = [];
  if (b.points !== undefined) parts.push(`at most ${b.points} points lost`);
  if (b.maxMissedPer1000 !== undefined) parts.push(`at most ${b.maxMissedPer1000} missed per 1,000 defective parts`);
  if (b.maxFalseRejectsPer1000 !== undefined) parts.push(`at most ${b.maxFalseRejectsPer1000} false rejects per 1,000 good parts`);
  return parts.join(', ');
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
