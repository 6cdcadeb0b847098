'use client';
/** Every problem of the pipeline, live; click one to jump to its node. */
import type { Problem } from '@/lib/pipeline/problems';

export function ProblemsList({ problems, onPick }: { problems: Problem[]; onPick(nodeId: string): void }) {
  return (
    <section className="problems" aria-label="Problems" data-count={problems.length}>
      <h3>{problems.length ? `${problems.length} problem${problems.length > 1 ? 's' : ''} — can be saved, cannot be deployed` : 'No problems: ready to deploy'}</h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i} className={p.nodeId ? 'clickable' : undefined} onClick={() => p.nodeId && onPick(p.nodeId)}>
            <code>{p.code}</code> {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
