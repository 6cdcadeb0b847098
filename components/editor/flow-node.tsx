'use client';
/**
 * One pipeline node on the canvas: a handle per port (coloured and shaped by data type, id = port
 * name), the kind's title, and every validation problem of this node written on it.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PipelineFlowNode } from '@/lib/editor/flow-types';
import { getNodeKind } from '@/lib/pipeline/registry';
import type { PortSpec } from '@/lib/pipeline/ports';
import { useAnnotations } from './editor-context';
import { thumbnailOf, timeText } from './preview-outputs';
import { PORT_STYLE } from './port-colors';

function FlowNodeView({ id, data, selected }: NodeProps<PipelineFlowNode>) {
  const { problems, diff, preview } = useAnnotations();
  const kind = getNodeKind(data.kind);
  const mine = problems.get(id) ?? [];
  const status = diff.get(id);
  const inputs = Object.entries(kind?.inputs ?? {});
  const outputs = Object.entries(kind?.outputs ?? {});
  const rows = Math.max(inputs.length, outputs.length);
  const classes = ['pnode', `cat-${kind?.category ?? 'unknown'}`, selected && 'selected', mine.length && 'has-problems', status && `diff-${status}`];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`node-${id}`} data-problems={mine.length}>
      <div className="pnode-head">
        <strong>{data.label || kind?.title || data.kind}</strong>
        <small>{id}</small>
        {status && <span className={`diff-badge diff-${status}`}>{status}</span>}
      </div>
      <div className="pnode-ports">
        {Array.from({ length: rows }, (_, i) => (
          <div className="pnode-row" key={i}>
            {inputs[i] && <Port name={inputs[i][0]} spec={inputs[i][1]} side="in" />}
            {outputs[i] && <Port name={outputs[i][0]} spec={outputs[i][1]} side="out" />}
          </div>
        ))}
      </div>
      {preview && <NodePreviewStrip id={id} preview={preview} />}
      {mine.length > 0 && (
        <ul className="pnode-problems" role="alert">
          {mine.slice(0, 3).map((p, i) => <li key={i} title={p.code}>{p.message}</li>)}
          {mine.length > 3 && <li>… {mine.length - 3} more</li>}
        </ul>
      )}
    </div>
  );
}

/** The node's output on the previewed frame: a thumbnail, the verdict or the error, and its time. */
function NodePreviewStrip({ id, preview }: { id: string; preview: NonNullable<ReturnType<typeof useAnnotations>['preview']> }) {
  const mine = preview[id];
  if (!mine) return <div className="pnode-preview muted" data-testid={`preview-${id}`}>did not run</div>;
  const thumb = thumbnailOf(mine);
  const verdict = mine.outputs.find((o) => o.type === 'Verdict');
  return (
    <div className="pnode-preview" data-testid={`preview-${id}`}>
      {thumb && <img src={thumb.src} alt={thumb.alt} data-output={thumb.kind} className={thumb.kind === 'AnomalyMap' ? 'heat-map' : undefined} />}
      {verdict?.type === 'Verdict' && <b className={`verdict verdict-${verdict.pass ? 'pass' : 'fail'}`}>{verdict.pass ? 'PASS' : 'FAIL'}</b>}
      {mine.error && <span className="field-error" title={mine.error.message}>{mine.error.code}</span>}
      <small className="pnode-time">{timeText(mine)}</small>
    </div>
  );
}

/** Handles sit in their row (position: relative), so React Flow measures them where the label is. */
function Port({ name, spec, side }: { name: string; spec: PortSpec; side: 'in' | 'out' }) {
  const style = PORT_STYLE[spec.type];
  return (
    <>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={name}
        className={`port port-${style.shape}`}
        style={{ background: style.color, borderColor: style.color }}
        title={`${name}: ${spec.type}${spec.optional ? ' (optional)' : ''}`}
        data-port-type={spec.type}
      />
      <span className={`port-label port-label-${side}`}>
        {spec.label ?? name}
        <em>{spec.type}</em>
      </span>
    </>
  );
}

export const FlowNode = memo(FlowNodeView);
