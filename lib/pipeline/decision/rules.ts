/** The decision node's three rule families, each turning one model output into findings. */
import type { AnomalyMap, Box, Classification, DefectRecord, Detections } from '../values';

export interface Finding {
  reason: string;
  defect: DefectRecord;
}

const score = (n: number) => n.toFixed(2);
const boxText = ([x, y, w, h]: Box) => `(${Math.round(x)},${Math.round(y)} ${Math.round(w)}×${Math.round(h)})`;

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${what} is ${String(value)}, not a number`);
  return value;
}

export function judgeAnomaly(map: AnomalyMap, threshold: number): Finding[] {
  const s = finite(map?.score, 'the anomaly score');
  if (s <= threshold) return [];
  return [{ reason: `anomaly score ${score(s)} > ${score(threshold)}`, defect: { kind: 'anomaly', score: s } }];
}

export function judgeDetections(detections: Detections, rule: { minScore: number; classes?: string[] }): Finding[] {
  if (!Array.isArray(detections)) throw new Error('the detections are not a list');
  // No classes listed (absent, or a list left empty in the inspector): every detected class is a defect.
  const allowed = rule.classes?.length ? new Set(rule.classes) : undefined;
  return detections
    .filter((d) => finite(d.score, `the score of a "${d.label}" detection`) >= rule.minScore && (!allowed || allowed.has(d.label)))
    .sort((a, b) => b.score - a.score)
    .map((d) => ({
      reason: `${d.label} ${score(d.score)} at ${boxText(d.box)}`,
      defect: { kind: d.label, score: d.score, box: [...d.box] as Box },
    }));
}

export function judgeClasses(c: Classification, rule: { defectLabels: string[]; minScore: number; passLabels: string[] }): Finding[] {
  const s = finite(c?.score, 'the class score');
  const fail = (reason: string): Finding[] => [{ reason, defect: { kind: c.label, score: s } }];
  const sure = s >= rule.minScore;
  if (rule.defectLabels.includes(c.label) && sure) return fail(`class ${c.label} ${score(s)} ≥ ${score(rule.minScore)}`);
  if (rule.passLabels.length === 0) return [];
  if (!rule.passLabels.includes(c.label)) return fail(`class ${c.label} ${score(s)} is not a good class (${rule.passLabels.join(', ')})`);
  if (!sure) return fail(`class ${c.label} only ${score(s)} < ${score(rule.minScore)}, not sure it is good`);
  return [];
}
