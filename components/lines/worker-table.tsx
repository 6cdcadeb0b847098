import type { WorkerSummary } from '@/lib/lines/line-summary';
import { formatAge, formatCount } from './format';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The line's workers with their last heartbeat. */
export function WorkerTable({ workers, now }: { workers: WorkerSummary[]; now: string }) {
  if (workers.length === 0) return <p className="muted small">No worker has reported for this line.</p>;
  return (
    <table className="worker-table">
      <thead>
        <tr>
          <th>Worker</th><th>State</th><th className="r">fps</th><th className="r">Frames</th><th className="r">Dropped</th><th className="r">Spooled</th><th>Last beat</th>
        </tr>
      </thead>
      <tbody>
        {workers.map((w) => {
          const fps = num(w.status.fps);
          return (
            <tr key={w.id} data-worker={w.id}>
              <td className="mono ellipsis" title={w.id}>{w.id}</td>
              <td><span className={`pill ${w.online ? (String(w.status.state ?? 'running') === 'running' ? 'ok' : 'warn') : 'off'}`}>{w.online ? String(w.status.state ?? 'running') : 'offline'}</span></td>
              <td className="r num">{fps === null ? '—' : fps.toFixed(1)}</td>
              <td className="r num">{formatCount(num(w.status.frames) ?? 0)}</td>
              <td className="r num">{formatCount(num(w.status.dropped) ?? 0)}</td>
              <td className="r num">{formatCount(num(w.status.spooled) ?? 0)}</td>
              <td className="num">{formatAge(w.lastSeenAt, now)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
