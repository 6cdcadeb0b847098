/** Top-1 accuracy and recall per class (share of each class's items predicted as that class). */
export function classificationMetrics(labels: readonly number[], predicted: readonly number[], classes: readonly string[]) {
  const seen = new Array<number>(classes.length).fill(0);
  const hit = new Array<number>(classes.length).fill(0);
  labels.forEach((l, i) => {
    seen[l]++;
    if (predicted[i] === l) hit[l]++;
  });
  const correct = hit.reduce((a, b) => a + b, 0);
  const perClassRecall: Record<string, number> = {};
  classes.forEach((name, c) => {
    if (seen[c] > 0) perClassRecall[name] = hit[c] / seen[c];
  });
  return { accuracy: labels.length ? correct / labels.length : 0, perClassRecall };
}
