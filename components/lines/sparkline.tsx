/** A tiny inline SVG line chart of recent values, with an optional target line (the takt rate). */
export function Sparkline({ values, target, width = 220, height = 40, label }: { values: number[]; target?: number; width?: number; height?: number; label: string }) {
  const max = Math.max(1, target ?? 0, ...values) * 1.1;
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      {target !== undefined && <line className="target" x1={0} x2={width} y1={y(target)} y2={y(target)} />}
      {values.length > 1 && <polyline className="area" points={`0,${height} ${points} ${width},${height}`} />}
      {values.length > 1 && <polyline className="trace" points={points} />}
    </svg>
  );
}
