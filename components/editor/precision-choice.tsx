'use client';
/**
 * A model node's precision, chosen beside what is known of each variant: whether its file exists
 * (and its size), and, when the Precision Lab's evaluation report is there, the measured quality,
 * agreement with FP32, latency and throughput. "auto" shows which file it would resolve to today
 * (the compiler's rule: INT8, else FP16, else FP32).
 */
import { AUTO_ORDER } from '@/lib/pipeline/model-variants';
import type { VariantReport } from '@/lib/precision/evaluate/report-schema';
import type { ModelOption } from './model-option';

const CHOICES = ['fp32', 'fp16', 'int8', 'auto'] as const;
type Choice = (typeof CHOICES)[number];

export interface PrecisionChoiceProps {
  model?: ModelOption;
  value: string;
  readOnly?: boolean;
  onChange?(precision: Choice): void;
}

export function PrecisionChoice({ model, value, readOnly, onChange }: PrecisionChoiceProps) {
  if (!model) return <p className="muted precision-choice">Choose a model file to see its precision variants.</p>;
  const files = model.files ?? [];
  const auto = ([...AUTO_ORDER, 'fp32'] as const).find((p) => files.some((f) => f.precision === p));
  const report = model.report;
  return (
    <div className="precision-choice" aria-label="Precision variants">
      <table className="precision-table">
        <thead>
          <tr><th>precision</th><th>file</th><th title="Measured quality; hover for agreement with FP32">{qualityHeader(report?.task)}</th><th>p50 ms</th><th title="images/s at batch 1 / batch N">img/s</th></tr>
        </thead>
        <tbody>
          {CHOICES.map((p) => {
            const resolved = p === 'auto' ? auto : p;
            const file = files.find((f) => f.precision === resolved);
            const measured = resolved && report?.variants.find((v) => v.precision === resolved);
            return (
              <tr key={p} className={[p === value && 'chosen', !file && 'missing'].filter(Boolean).join(' ')} data-precision={p}>
                <td>
                  <label>
                    <input type="radio" name="precision-choice" value={p} checked={p === value} disabled={readOnly} onChange={() => onChange?.(p)} />
                    {p === 'auto' ? `auto${resolved ? ` → ${resolved.toUpperCase()}` : ''}` : p.toUpperCase()}
                  </label>
                </td>
                <td title={file?.path}>{file ? size(file.bytes) : 'no file'}</td>
                <td title={measured ? `agrees with FP32 on ${pct(measured.agreement)} of items` : undefined}>{measured ? quality(measured) : '—'}</td>
                <td>{measured ? measured.latencyMs.p50.toFixed(2) : '—'}</td>
                <td title={measured ? `batch 1: ${measured.throughput.batch1.toFixed(1)}/s, batch ${measured.throughput.batchSize}: ${measured.throughput.batchN.toFixed(1)}/s` : undefined}>
                  {measured ? `${measured.throughput.batch1.toFixed(0)} / ${measured.throughput.batchN.toFixed(0)}` : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report ? (
        <p className="muted">Measured on {report.dataset} ({report.items} items, {report.target}, {report.createdAt.slice(0, 10)}); img/s at batch 1 / batch {report.variants[0].throughput.batchSize}. Agreement with FP32: {report.variants.map((v) => `${v.precision.toUpperCase()} ${pct(v.agreement)}`).join(', ')}.</p>
      ) : (
        <p className="muted">{model.reportProblem ?? 'Not measured yet: run `loupe precision eval --save` (or the Precision Lab) to see accuracy and speed here.'}</p>
      )}
    </div>
  );
}

function qualityHeader(task?: string): string {
  return task === 'anomaly' ? 'missed / FR ‰' : task === 'detection' ? 'mAP50' : 'accuracy';
}

function quality(v: VariantReport): string {
  const q = v.quality;
  if (q.accuracy !== undefined) return pct(q.accuracy);
  if (q.missedPer1000 !== undefined || q.falseRejectsPer1000 !== undefined) return `${q.missedPer1000?.toFixed(1) ?? '?'} / ${q.falseRejectsPer1000?.toFixed(1) ?? '?'}`;
  if (q.map50 !== undefined) return pct(q.map50);
  if (q.auroc !== undefined) return `AUROC ${q.auroc.toFixed(3)}`;
  return '—';
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

function size(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${bytes} B`;
}
