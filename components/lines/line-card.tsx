import Link from 'next/link';
import type { LineSummary } from '@/lib/lines/line-summary';
import { CountTile } from './count-tile';
import { formatAge, formatMs, formatRate } from './format';
import { lineStatus } from './line-status';
import { Sparkline } from './sparkline';
import { TruthRow } from './truth-row';
import { WorkerTable } from './worker-table';

/** One production line: what runs on it, how many parts it inspected, and whether it keeps up with its takt. */
export function LineCard({ line, now, history }: { line: LineSummary; now: string; history: number[] }) {
  const { stats, deployment } = line;
  const status = lineStatus(line);
  const taktRate = 60_000 / line.taktMs;
  const ratio = stats.throughputPerMin / taktRate;
  const pace = stats.throughputPerMin === 0 ? 'off' : ratio >= 0.98 ? 'ok' : 'warn';
  return (
    <section className="line-card" data-line={line.name} aria-label={`Line ${line.name}`}>
      <header className="line-head">
        <h2>{line.name}</h2>
        <span className={`pill ${status.tone}`}>{status.label}</span>
        <span className="spacer" />
        {deployment ? (
          <span className="deployed">
            <span className="muted">Deployed</span>{' '}
            <Link href={`/pipelines/${deployment.pipelineId}/versions/${deployment.versionNumber}`}>
              {deployment.pipelineName} <span className="version">v{deployment.versionNumber}</span>
            </Link>
          </span>
        ) : (
          <span className="muted">No pipeline deployed</span>
        )}
      </header>
      <div className="counts">
        <CountTile name="inspected" label="Inspected" value={stats.inspected} />
        <CountTile name="passed" label="Passed" value={stats.passed} of={stats.inspected} tone="pass" />
        <CountTile name="failed" label="Failed" value={stats.failed} of={stats.inspected} tone="fail" />
        <CountTile name="errors" label="Errors" value={stats.errors} of={stats.inspected} tone="error" />
      </div>
      {stats.truth && <TruthRow truth={stats.truth} />}
      <div className="metrics">
        <div className="metric throughput" data-stat="throughput">
          <div className="label">Throughput <span className="muted">(last minute)</span></div>
          <div className="metric-row">
            <span className="big num">{formatRate(stats.throughputPerMin)}</span>
            <span className="unit">parts/min</span>
            <span className={`pace ${pace} num`} title="Throughput against the line's takt rate">
              {stats.throughputPerMin === 0 ? 'idle' : `${Math.round(ratio * 100)} % of takt`}
            </span>
          </div>
          <div className="takt muted num">Takt {line.taktMs} ms = {formatRate(taktRate)} parts/min</div>
          <Sparkline values={history} target={taktRate} label={`Throughput of ${line.name} over the last minutes`} />
        </div>
        <div className="metric" data-stat="latency">
          <div className="label">Latency</div>
          <dl className="pairs num">
            <div><dt>p50</dt><dd>{formatMs(stats.latencyP50Ms)}</dd></div>
            <div><dt>p99</dt><dd className={stats.latencyP99Ms !== null && stats.latencyP99Ms > line.taktMs ? 'over' : ''}>{formatMs(stats.latencyP99Ms)}</dd></div>
          </dl>
          <div className="muted small">Last part {formatAge(stats.lastResultAt, now)}</div>
        </div>
      </div>
      <div className="workers">
        <WorkerTable workers={line.workers} now={now} />
      </div>
    </section>
  );
}
