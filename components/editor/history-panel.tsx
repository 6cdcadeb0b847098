'use client';
/** Saved versions, newest first: open one read-only, or pick two to compare. */
import Link from 'next/link';
import { useState } from 'react';

export interface VersionSummary {
  number: number;
  author: string;
  message: string;
  createdAt: string | Date;
  graphHash: string;
}

export function HistoryPanel({ pipelineId, versions, current }: { pipelineId: string; versions: VersionSummary[]; current?: number }) {
  const [picked, setPicked] = useState<number[]>([]);
  const toggle = (n: number) => setPicked((p) => (p.includes(n) ? p.filter((x) => x !== n) : [...p.slice(-1), n]));
  const [a, b] = [...picked].sort((x, y) => x - y);
  return (
    <section className="history" aria-label="History">
      <h2>History <small>({versions.length} version{versions.length === 1 ? '' : 's'})</small></h2>
      {picked.length === 2 && <Link className="compare-link" href={`/pipelines/${pipelineId}/compare?a=${a}&b=${b}`}>Compare v{a} → v{b}</Link>}
      <ol reversed>
        {[...versions].reverse().map((v) => (
          <li key={v.number} className={v.number === current ? 'current' : undefined} data-version={v.number}>
            <input type="checkbox" aria-label={`Pick version ${v.number} to compare`} checked={picked.includes(v.number)} onChange={() => toggle(v.number)} />
            <Link href={`/pipelines/${pipelineId}/versions/${v.number}`}>v{v.number}</Link>{' '}
            <span className="muted">{v.author} · {new Date(v.createdAt).toLocaleString()}</span>
            {v.message && <div className="version-message">{v.message}</div>}
            {v.number > 1 && <Link className="muted" href={`/pipelines/${pipelineId}/compare?a=${v.number - 1}&b=${v.number}`}>diff</Link>}
          </li>
        ))}
      </ol>
    </section>
  );
}
