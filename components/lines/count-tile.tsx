import { formatCount, formatPercent } from './format';

/** One of the big counters (inspected, passed, failed, errors), with its share of inspected. */
export function CountTile({ label, value, of, tone, name }: { label: string; value: number; of?: number; tone?: 'pass' | 'fail' | 'error'; name: string }) {
  return (
    <div className={`count-tile ${tone ?? ''}`} data-stat={name}>
      <div className="label">{label}</div>
      <div className="value num" data-value={value}>
        {formatCount(value)}
      </div>
      {of !== undefined && <div className="share num">{formatPercent(value, of)}</div>}
    </div>
  );
}
