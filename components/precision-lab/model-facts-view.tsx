/** The model's facts as read from the file: inputs, outputs, opset, size, and its variants. */
import type { ModelFacts } from '@/lib/precision-lab/model-facts';
import type { LabModel } from '@/lib/precision-lab/list-models';
import { formatBytes } from './format';

const shape = (s: (number | string)[]) => `[${s.join(', ')}]`;

export function ModelFactsView({ model, facts }: { model: Omit<LabModel, 'absolute'>; facts: ModelFacts | { error: string } }) {
  return (
    <section className="lab-section model-facts">
      <h2>Model</h2>
      <div className="body">
        {'error' in facts ? (
          <p className="lab-error" role="alert">{facts.error}</p>
        ) : (
          <dl className="lab-facts">
            <div><dt>Size</dt><dd className="num">{formatBytes(facts.info.bytes)}</dd></div>
            <div><dt>Opset</dt><dd className="num">{facts.info.opset}</dd></div>
            <div><dt>Inputs</dt><dd className="mono">{facts.info.inputs.map((t) => `${t.name} ${t.type} ${shape(t.shape)}`).join('; ')}</dd></div>
            <div><dt>Outputs</dt><dd className="mono">{facts.info.outputs.map((t) => `${t.name} ${t.type} ${shape(t.shape)}`).join('; ')}</dd></div>
            <div><dt>SHA-256</dt><dd className="mono" title={facts.info.sha256}>{facts.info.sha256.slice(0, 16)}…</dd></div>
          </dl>
        )}
        <div className="lab-variants" data-testid="variants">
          <span className="chip" data-precision="fp32">fp32 · {formatBytes(model.bytes)}</span>
          {model.variants.map((v) => (
            <span key={v.path} className="chip" data-precision={v.precision} title={v.path}>
              {v.precision} · {formatBytes(v.bytes)}
            </span>
          ))}
        </div>
      </div>
    </section>
  );
}
