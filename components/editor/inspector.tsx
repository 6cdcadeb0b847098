'use client';
/** The selected node: what it is, its ports, its parameters (form from the kind's zod schema) and its problems. */
import { useMemo } from 'react';
import type { PipelineFlowNode } from '@/lib/editor/flow-types';
import { fieldErrors, formFromSchema } from '@/lib/editor/form-from-schema';
import type { Problem } from '@/lib/pipeline/problems';
import { getNodeKind } from '@/lib/pipeline/registry';
import type { ModelOption } from './model-option';
import { ParamForm } from './param-form';
import { PORT_STYLE } from './port-colors';
import { PrecisionChoice } from './precision-choice';

interface InspectorProps {
  node?: PipelineFlowNode;
  selectedCount: number;
  problems: Problem[];
  models: ModelOption[];
  readOnly: boolean;
  onParams(id: string, params: Record<string, unknown>): void;
  onLabel(id: string, label: string): void;
}

export function Inspector({ node, selectedCount, problems, models, readOnly, onParams, onLabel }: InspectorProps) {
  const kind = node && getNodeKind(node.data.kind);
  const fields = useMemo(() => (kind ? formFromSchema(kind.params) : []), [kind]);
  if (!node) {
    return (
      <section className="inspector" aria-label="Inspector">
        <h2>Inspector</h2>
        <p className="muted">{selectedCount > 1 ? `${selectedCount} nodes selected.` : 'Select a node to edit its parameters.'}</p>
      </section>
    );
  }
  const errors = kind ? fieldErrors(kind.params, node.data.params) : {};
  const other = problems.filter((p) => p.code !== 'node.bad-params');
  return (
    <section className="inspector" aria-label="Inspector" data-node={node.id}>
      <h2>{kind?.title ?? node.data.kind}</h2>
      <p className="muted"><code>{node.data.kind}</code> · id <code>{node.id}</code></p>
      {kind && <p className="kind-description">{kind.description}</p>}
      <label className="field">
        <span className="field-label">Label</span>
        <input name="label" value={node.data.label ?? ''} readOnly={readOnly} onChange={(e) => onLabel(node.id, e.target.value)} />
      </label>
      {kind && (
        <ParamForm
          fields={fields}
          values={node.data.params}
          errors={errors}
          models={models}
          readOnly={readOnly}
          onChange={(key, value) => {
            const next = { ...node.data.params };
            if (value === undefined) delete next[key];
            else next[key] = value;
            onParams(node.id, next);
          }}
        />
      )}
      {kind?.category === 'model' && (
        <>
          <h3 className="field-label">Precision variants</h3>
          <PrecisionChoice
            model={models.find((m) => m.path === node.data.params.model)}
            value={String(node.data.params.precision ?? 'fp32')}
            readOnly={readOnly}
            onChange={(precision) => onParams(node.id, { ...node.data.params, precision })}
          />
        </>
      )}
      {kind && (
        <ul className="ports-summary">
          {Object.entries(kind.inputs).map(([n, s]) => <li key={`i${n}`}><span style={{ color: PORT_STYLE[s.type].color }}>●</span> in <b>{n}</b>: {s.type}{s.optional ? ' (optional)' : ''}</li>)}
          {Object.entries(kind.outputs).map(([n, s]) => <li key={`o${n}`}><span style={{ color: PORT_STYLE[s.type].color }}>●</span> out <b>{n}</b>: {s.type}</li>)}
        </ul>
      )}
      {other.length > 0 && (
        <ul className="inspector-problems" role="alert">
          {other.map((p, i) => <li key={i}>{p.message}</li>)}
        </ul>
      )}
    </section>
  );
}
