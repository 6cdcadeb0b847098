/**
 * Anomaly pass/fail: a part fails when its score is above the threshold. Without a threshold from
 * the user, the smallest one that rejects at most `maxFalseRejectRate` of the good parts is chosen
 * on the data itself (the rule a line is commissioned with: catch all you can at a false-reject
 * budget) — optimistic on the set it was chosen on, which the report says.
 */
export function thresholdForFalseRejects(goodScores: readonly number[], maxFalseRejectRate: number): number {
  if (goodScores.length === 0) throw new Error('thresholdForFalseRejects needs good parts');
  const sorted = [...goodScores].sort((a, b) => a - b);
  const allowed = Math.floor(maxFalseRejectRate * sorted.length + 1e-9);
  // The `allowed` highest good scores may lie above; any lower threshold rejects one more.
  return sorted[sorted.length - 1 - allowed];
}

export interface AnomalyRates {
  missedPer1000: number;
  falseRejectsPer1000: number;
}

/** Missed defects per 1,000 defective parts and false rejects per 1,000 good parts, at `threshold`. */
export function anomalyRates(scores: readonly number[], defective: readonly boolean[], threshold: number): AnomalyRates {
  let missed = 0;
  let bad = 0;
  let rejected = 0;
  let good = 0;
  scores.forEach((s, i) => {
    if (defective[i]) {
      bad++;
      if (!(s > threshold)) missed++;
    } else {
      good++;
      if (s > threshold) rejected++;
    }
  });
  return { missedPer1000: bad ? (1000 * missed) / bad : 0, falseRejectsPer1000: good ? (1000 * rejected) / good : 0 };
}
