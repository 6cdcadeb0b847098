'use client';
import type { LinesResponse } from '@/lib/lines/line-summary';
import { formatCount, formatRate } from './format';
import { LineCard } from './line-card';
import { useLiveLines } from './use-live-lines';

/** The home page body: every line, refreshed every second while the page is open. */
export function LinesDashboard({ initial }: { initial: LinesResponse }) {
  const { data, history, error } = useLiveLines(initial);
  const total = data.lines.reduce((n, l) => n + l.stats.inspected, 0);
  const rate = data.lines.reduce((n, l) => n + l.stats.throughputPerMin, 0);
  return (
    <>
      <div className="page-head">
        <h1>Lines</h1>
        <span className="sub num">
          {data.lines.length} {data.lines.length === 1 ? 'line' : 'lines'} · {formatCount(total)} parts inspected · {formatRate(rate)} parts/min
        </span>
        <span className="spacer" />
        <span className={`live ${error ? 'stale' : ''}`} data-live={error ? 'stale' : 'live'}>
          <span className="dot" /> {error ? 'Reconnecting…' : 'Live'} <span className="num">{data.now.slice(11, 19)} UTC</span>
        </span>
      </div>
      {error && <div className="banner warn" role="status">Cannot refresh: {error}. The numbers below are from {data.now.slice(11, 19)} UTC.</div>}
      {data.lines.length === 0 ? (
        <div className="empty">No lines yet. `npm start` seeds a demo line; `npm run db:seed` adds it to an existing database.</div>
      ) : (
        <div className="line-grid">
          {data.lines.map((line) => (
            <LineCard key={line.id} line={line} now={data.now} history={history[line.id] ?? []} />
          ))}
        </div>
      )}
    </>
  );
}
