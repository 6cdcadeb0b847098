'use client';
/** The preview beside the inspector: which frame, its verdict, and the selected node's output large. */
import type { PreviewState } from './use-preview';
import { PortOutput, timeText } from './preview-outputs';

export function PreviewPanel({ preview, nodeId }: { preview: PreviewState; nodeId?: string }) {
  const { result, current, frame, setFrame } = preview;
  if (!result || !current) return null;
  const node = nodeId ? current.nodes[nodeId] : undefined;
  return (
    <section className="preview-panel" aria-label="Preview">
      <h2>
        Preview <button type="button" onClick={preview.clear} title="Hide the preview">×</button>
      </h2>
      <div className="preview-frames" role="tablist">
        {result.frames.map((f, i) => (
          <button key={f.id} type="button" role="tab" aria-selected={i === frame} className={`verdict-${f.verdict}`} onClick={() => setFrame(i)} title={f.origin}>
            {i + 1}: {f.verdict}
          </button>
        ))}
      </div>
      <p className="muted">{current.origin} · {current.latencyMs.toFixed(1)} ms end to end{current.error ? ` · ${current.error.message}` : ''}</p>
      {!nodeId && <p className="muted">Select a node to see its output here.</p>}
      {nodeId && !node && <p className="muted">{nodeId} did not run on this frame (an earlier stage failed).</p>}
      {node && (
        <div className="preview-node" data-node={nodeId}>
          <h3>{nodeId} <small>{timeText(node)}</small></h3>
          {node.error && <p className="field-error" role="alert">{node.error.message}</p>}
          {node.outputs.map((o) => <PortOutput key={o.port} output={o} />)}
        </div>
      )}
      <ul className="preview-notes muted">{result.notes.map((n) => <li key={n}>{n}</li>)}</ul>
    </section>
  );
}
