import type { TruthStats } from '@/lib/db/types';
import { CountTile } from './count-tile';
import { formatCount } from './format';

/**
 * Verdicts against the parts' ground truth, for sources that know it (the synthetic camera): the
 * escapes first, since a defective part that passed is what an inspection engineer fears most.
 */
export function TruthRow({ truth }: { truth: TruthStats }) {
  return (
    <div className="truth" data-stat="truth" aria-label="Verdicts against ground truth">
      <CountTile name="escapes" label="Escapes" value={truth.escapes} of={truth.defective} ofWhat="defective" tone={truth.escapes > 0 ? 'fail' : 'pass'} />
      <CountTile name="false-rejects" label="False rejects" value={truth.falseRejects} of={truth.good} ofWhat="good" tone={truth.falseRejects > 0 ? 'error' : 'pass'} />
      <p className="truth-note muted small">
        Against ground truth, on the {formatCount(truth.judged)} passed or failed parts the source labelled. Escape: a defective
        part that passed. False reject: a good part that failed.
      </p>
    </div>
  );
}
