/** An EvalReport as a plain-text table for a terminal: one row per variant, then warnings and notes. */
import type { EvalReport, VariantReport } from './report-schema';

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);
const num = (v: number, digits = 1) => (v >= 100 ? v.toFixed(0) : v.toFixed(digits));

function quality(task: EvalReport['task'], v: VariantReport): string {
  const q = v.quality;
  if (task === 'classification') return `acc ${pct(q.accuracy)}`;
  if (task === 'detection') return `mAP50 ${pct(q.map50)}`;
  return `missed ${num(q.missedPer1000 ?? 0)}‰ FR ${num(q.falseRejectsPer1000 ?? 0)}‰ AUROC ${q.auroc === undefined ? '—' : q.auroc.toFixed(3)}`;
}

export function formatEvalReport(r: EvalReport): string {
  const head = ['variant', 'precision', 'quality', 'agree', 'p50 ms', 'p99 ms', 'img/s b1', 'img/s bN', 'size KiB', 'mem MiB'];
  const rows = r.variants.map((v) => [
    v.path,
    v.precision,
    quality(r.task, v),
    pct(v.agreement),
    num(v.latencyMs.p50, 2),
    num(v.latencyMs.p99, 2),
    num(v.throughput.batch1),
    `${num(v.throughput.batchN)} (b${v.throughput.batchSize})`,
    num(v.bytes / 1024),
    num(v.peakMemoryMb),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [`${r.task} on ${r.dataset} (${r.items} items), target ${r.target}`, line(head), ...rows.map(line)];
  for (const v of r.variants) for (const w of v.warnings) out.push(`warning: ${v.path}: ${w}`);
  for (const n of r.notes ?? []) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}
