/** The search report as text for a terminal: the verdict, quality and speed, then one line per node. */
import { describeCheck } from './node-reasons';
import type { SearchReport } from './search-report';

export function formatSearchReport(r: SearchReport): string {
  const c = r.result.counts;
  const lines = [
    `budget met (${r.budgetText}): ${describeCheck(r.result.check)} on ${r.valItems} ${r.task} items; ${c.int8} node(s) INT8, ${c.fp16} FP16, ${c.fp32} FP32 (${r.objective}, ${r.target})`,
    `size ${r.result.bytes} bytes (${((100 * r.result.bytes) / r.reference.bytes).toFixed(1)}% of FP32)`,
  ];
  if (r.speed) lines.push(`throughput ${r.speed.mixed.imagesPerSecond.toFixed(1)} img/s vs FP32 ${r.speed.fp32.imagesPerSecond.toFixed(1)} img/s (×${r.speed.speedup})`);
  for (const n of [...r.nodes].sort((a, b) => a.sensitivityRank - b.sensitivityRank)) {
    lines.push(`  #${n.sensitivityRank} ${n.id} (${n.opType}) ${n.precision.toUpperCase()}  output SQNR ${n.sensitivity.sqnrDb} dB — ${n.reason}`);
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
