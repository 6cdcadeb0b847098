/**
 * Per-layer error on the model graph: every node in graph order, a bar for the sensitivity the
 * search measured (output error with that node alone quantized), and the precision it chose.
 * Nodes the search did not measure (not quantizable) are listed, greyed, to keep the graph whole.
 */
import type { GraphNodeRow } from '@/lib/precision-lab/graph-nodes';

export function LayerErrors({ nodes, searchedAt }: { nodes: GraphNodeRow[]; searchedAt: Date | null }) {
  const max = Math.max(...nodes.map((n) => n.layer?.sensitivity ?? 0), 0);
  return (
    <section className="lab-section">
      <h2>Per-layer error</h2>
      <div className="body">
        {!nodes.length ? (
          <p className="hint">Run a mixed-precision search to see each node&apos;s sensitivity and the precision it gets.</p>
        ) : (
          <>
            <p className="hint">From the search of {searchedAt ? new Date(searchedAt).toLocaleString() : '—'}; bars are relative to the most sensitive node.</p>
            <div className="lab-layers" data-testid="layers">
              <span className="head">Node</span><span className="head">Op</span><span className="head">Precision</span><span className="head">Sensitivity</span>
              {nodes.map((n, i) => (
                <div key={`${n.name}-${i}`} style={{ display: 'contents' }} data-node={n.name}>
                  <span className={`mono ${n.layer ? '' : 'muted'}`} title={n.layer?.reason}>{n.name}</span>
                  <span className={n.layer ? '' : 'muted'}>{n.opType}</span>
                  <span className="mono">{n.layer?.precision ?? '—'}</span>
                  <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                    {n.layer?.sensitivity !== undefined && (
                      <>
                        <span className={`bar ${n.layer.precision ?? ''}`} style={{ width: `${max > 0 ? (80 * n.layer.sensitivity) / max : 0}%` }} />
                        <span className="num">{n.layer.sensitivity.toPrecision(3)}</span>
                      </>
                    )}
                  </span>
                </div>
              ))}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
