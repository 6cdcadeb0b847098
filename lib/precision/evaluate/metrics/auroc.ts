/**
 * Area under the ROC curve for "higher score = more likely defective": the probability that a
 * random defective part scores above a random good one, ties counting one half (Mann–Whitney U).
 * Needs at least one of each; otherwise it is undefined, not 0.5.
 */
export function auroc(scores: readonly number[], defective: readonly boolean[]): number | undefined {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const positives = defective.filter(Boolean).length;
  const negatives = defective.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  // Average ranks (1-based) over runs of tied scores.
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (defective[order[k][1]]) rankSum += rank;
    i = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
