/**
 * Quality against throughput, one point per variant, its radius proportional to the file size
 * (the largest is R_MAX): up-right is better for accuracy, down-right for missed defects.
 */
import type { EvalReport } from '@/lib/precision/evaluate/report-schema';
import { formatBytes } from './format';
import { qualityMetric } from './quality-metric';

const W = 720;
const H = 340;
const M = { left: 64, right: 30, top: 24, bottom: 48 };
const R_MAX = 26;

/** Round tick values (steps of 1, 2 or 5 × 10^k) covering lo..hi. */
function ticks(lo: number, hi: number, n = 5): number[] {
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

const digits = (values: number[]) => (values.length > 1 && values[1] - values[0] < 1 ? 1 : 0);

/** Label positions, pushed down until no two overlap (labels are ~6.5 px per character). */
function placeLabels(items: { x: number; y: number; r: number; text: string }[]): { x: number; y: number }[] {
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  return items.map(({ x, y, r, text }) => {
    const at = { x: x + r + 4, y: y + 4 };
    const box = () => ({ x0: at.x, x1: at.x + text.length * 6.5, y0: at.y - 11, y1: at.y + 3 });
    while (placed.some((b) => { const c = box(); return c.x0 < b.x1 && b.x0 < c.x1 && c.y0 < b.y1 && b.y0 < c.y1; })) at.y += 14;
    placed.push(box());
    return at;
  });
}

export function TradeoffPlot({ report }: { report: EvalReport }) {
  const metric = qualityMetric(report.task);
  const points = report.variants.map((v) => ({ v, x: v.throughput.batch1, y: metric.value(v) })).filter((p): p is typeof p & { y: number } => p.y !== undefined);
  if (!points.length) return <p className="hint">No quality number in this report to plot.</p>;
  const maxBytes = Math.max(...points.map((p) => p.v.bytes), 1);
  const xHi = Math.max(...points.map((p) => p.x), 1) * 1.15;
  const ys = points.map((p) => p.y);
  const pad = Math.max((Math.max(...ys) - Math.min(...ys)) * 0.25, 0.5);
  const yLo = Math.max(0, Math.min(...ys) - pad);
  const yHi = Math.max(...ys) + pad;
  const sx = (x: number) => M.left + (x / xHi) * (W - M.left - M.right);
  const sy = (y: number) => H - M.bottom - ((y - yLo) / (yHi - yLo)) * (H - M.top - M.bottom);
  const xTicks = ticks(0, xHi);
  const yTicks = ticks(yLo, yHi);
  // Largest first, so smaller points are drawn on top of larger ones.
  const drawn = points.map((p) => ({ ...p, r: Math.max(3, (R_MAX * p.v.bytes) / maxBytes), text: `${p.v.precision} · ${formatBytes(p.v.bytes)}` })).sort((a, b) => b.r - a.r);
  const labels = placeLabels(drawn.map((d) => ({ x: sx(d.x), y: sy(d.y), r: d.r, text: d.text })));
  return (
    <svg className="lab-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Trade-off: ${metric.label} against throughput; point size is model size`}>
      {xTicks.map((t) => (
        <g key={`x${t}`}>
          <line className="grid" x1={sx(t)} x2={sx(t)} y1={M.top} y2={H - M.bottom} />
          <text x={sx(t)} y={H - M.bottom + 16} textAnchor="middle">{t.toFixed(digits(xTicks))}</text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line className="grid" x1={M.left} x2={W - M.right} y1={sy(t)} y2={sy(t)} />
          <text x={M.left - 8} y={sy(t) + 4} textAnchor="end">{t.toFixed(digits(yTicks))}</text>
        </g>
      ))}
      <line className="axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      <line className="axis" x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
      <text x={(W + M.left) / 2} y={H - 10} textAnchor="middle">throughput, batch 1 (items/s)</text>
      <text transform={`translate(16 ${(H - M.bottom + M.top) / 2}) rotate(-90)`} textAnchor="middle">{metric.label}</text>
      {drawn.map(({ v, x, y, r, text }, i) => (
        <g key={v.path} data-point={v.precision}>
          <circle className={`point ${v.precision}`} cx={sx(x)} cy={sy(y)} r={r}>
            <title>{`${v.precision} ${v.path}: ${y.toFixed(2)}, ${x.toFixed(1)}/s, ${formatBytes(v.bytes)}`}</title>
          </circle>
          <text className="label" x={labels[i].x} y={labels[i].y}>{text}</text>
        </g>
      ))}
    </svg>
  );
}
