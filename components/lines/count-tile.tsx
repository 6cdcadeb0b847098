import { formatCount, formatPercent } from './format';

/** One of the big counters (inspected, passed, failed, errors …), with its share of a whole (`of`, named by `ofWhat` when it is not the inspected parts). */
export function CountTile({ label, value, of, ofWhat, tone, name }: { label: string; value: number; of?: number; ofWhat?: string; tone?: 'pass' | 'fail' | 'error'; name: string }) {
  return (
    <div className={`count-tile ${tone ?? ''}`} data-stat={name}>
      <div className="label">{label}</div>
      <div className="value num" data-value={value}>
        {formatCount(value)}
      </div>
      {of !== undefined && (
        <div className="share num">
          {formatPercent(value, of)}
          {ofWhat && ` of ${formatCount(of)} ${ofWhat}`}
        </div>
      )}
    </div>
  );
}
