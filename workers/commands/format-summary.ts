/** The run summary as `--json` prints it (one line) and as a table for people. */
import type { RunSummary } from '@/lib/pipeline/runtime/run-types';

const round = (n: number, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : 0);

export function summaryJson(s: RunSummary): string {
  return JSON.stringify({
    frames: s.frames,
    passed: s.passed,
    failed: s.failed,
    errors: s.errors,
    dropped: s.dropped,
    fps: round(s.fps),
    latencyMs: { p50: round(s.latencyMs.p50, 3), p99: round(s.latencyMs.p99, 3) },
    stages: s.stages.map((st) => ({ id: st.id, kind: st.kind, p50Ms: round(st.p50Ms, 3), p99Ms: round(st.p99Ms, 3) })),
    errorsByCode: s.errorsByCode,
  });
}

export function summaryTable(s: RunSummary): string {
  const rows = [
    `frames ${s.frames}   passed ${s.passed}   failed ${s.failed}   errors ${s.errors}   dropped ${s.dropped}`,
    `throughput ${round(s.fps, 1)} frames/s   latency p50 ${round(s.latencyMs.p50)} ms   p99 ${round(s.latencyMs.p99)} ms`,
    '',
    table(
      ['stage', 'kind', 'frames', 'p50 ms', 'p99 ms'],
      s.stages.map((st) => [st.id, st.kind, String(st.frames), round(st.p50Ms, 3).toFixed(3), round(st.p99Ms, 3).toFixed(3)]),
    ),
  ];
  const codes = Object.entries(s.errorsByCode);
  if (codes.length) rows.push('', 'errors by code:', ...codes.map(([code, n]) => `  ${code}  ${n}`));
  return `${rows.join('\n')}\n`;
}

/** Left-aligned text columns, right-aligned numbers. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^-?[\d.]+%?x?$/.test(r[i]) || r[i] === '—'));
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
