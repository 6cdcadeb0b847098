/** The latest evaluation of the model's variants, side by side: plot, table, per-class recall. */
import type { EvalReport } from '@/lib/precision/evaluate/report-schema';
import { fixed, formatBytes, pct } from './format';
import { TradeoffPlot } from './tradeoff-plot';

function PerClassTable({ report }: { report: EvalReport }) {
  const classes = [...new Set(report.variants.flatMap((v) => Object.keys(v.quality.perClassRecall ?? {})))];
  if (!classes.length) return null;
  return (
    <>
      <h3 style={{ margin: '14px 0 6px' }}>Recall per class</h3>
      <table className="lab-per-class">
        <thead>
          <tr><th>Class</th>{report.variants.map((v) => <th key={v.path}>{v.precision}</th>)}</tr>
        </thead>
        <tbody>
          {classes.map((c) => (
            <tr key={c}>
              <td>{c}</td>
              {report.variants.map((v) => <td key={v.path} className="num">{pct(v.quality.perClassRecall?.[c])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function VariantsReport({ report }: { report: EvalReport | null }) {
  return (
    <section className="lab-section">
      <h2>Variants side by side</h2>
      <div className="body">
        {!report ? (
          <p className="hint">No evaluation yet: pick a labelled validation set and run “Evaluate all variants”.</p>
        ) : (
          <>
            <p className="hint">
              {report.task} · {report.items} items from <span className="mono">{report.dataset}</span> · target {report.target} · {new Date(report.createdAt).toLocaleString()}
            </p>
            <TradeoffPlot report={report} />
            <table className="lab-variants-table">
              <thead>
                <tr>
                  <th>Precision</th><th>Size</th>
                  {report.task === 'anomaly' ? <><th>Missed /1000</th><th>False rejects /1000</th><th>AUROC</th></> : report.task === 'detection' ? <th>mAP@0.5</th> : <th>Accuracy</th>}
                  <th>Agreement</th><th>p50 ms</th><th>p99 ms</th><th>Items/s (b1)</th><th>Items/s (bN)</th><th>Peak MB</th><th>Warnings</th>
                </tr>
              </thead>
              <tbody>
                {report.variants.map((v) => (
                  <tr key={v.path} data-variant={v.precision}>
                    <td title={v.path}>{v.precision}</td>
                    <td className="num">{formatBytes(v.bytes)}</td>
                    {report.task === 'anomaly' ? (
                      <><td className="num">{fixed(v.quality.missedPer1000)}</td><td className="num">{fixed(v.quality.falseRejectsPer1000)}</td><td className="num">{fixed(v.quality.auroc, 3)}</td></>
                    ) : report.task === 'detection' ? <td className="num">{pct(v.quality.map50)}</td> : <td className="num">{pct(v.quality.accuracy)}</td>}
                    <td className="num">{pct(v.agreement)}</td>
                    <td className="num">{fixed(v.latencyMs.p50, 2)}</td>
                    <td className="num">{fixed(v.latencyMs.p99, 2)}</td>
                    <td className="num">{fixed(v.throughput.batch1)}</td>
                    <td className="num">{fixed(v.throughput.batchN)} (×{v.throughput.batchSize})</td>
                    <td className="num">{fixed(v.peakMemoryMb)}</td>
                    <td>{v.warnings.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <PerClassTable report={report} />
            {report.notes?.length ? <ul className="hint">{report.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
          </>
        )}
      </div>
    </section>
  );
}
