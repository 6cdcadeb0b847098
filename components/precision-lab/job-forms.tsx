'use client';
/** One card per job kind; each posts a JobRequest (lib/precision-lab/job-request.ts). */
import { type FormEvent, type ReactNode, useState } from 'react';
import { problemText } from './format';

export type Submit = (request: Record<string, unknown>) => Promise<string | null>;

function Card({ title, kind, button, onSubmit, children }: { title: string; kind: string; button: string; onSubmit: () => Promise<string | null>; children?: ReactNode }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError((await onSubmit()) ?? '');
    setBusy(false);
  };
  return (
    <form className="lab-card" data-form={kind} onSubmit={submit}>
      <h3>{title}</h3>
      {children}
      <button type="submit" disabled={busy}>{button}</button>
      {error && <span className="lab-error" role="alert">{error}</span>}
    </form>
  );
}

export function JobForms({ submit }: { submit: Submit }) {
  const [keepIo, setKeepIo] = useState(true);
  const [blockOps, setBlockOps] = useState('');
  const [method, setMethod] = useState('minmax');
  const [percentile, setPercentile] = useState('99.99');
  const [perChannel, setPerChannel] = useState(true);
  const [smooth, setSmooth] = useState('off');
  const [alpha, setAlpha] = useState('0.5');
  const [budget, setBudget] = useState('0.5');
  const ops = blockOps.split(',').map((s) => s.trim()).filter(Boolean);
  return (
    <div className="lab-forms">
      <Card title="FP16" kind="fp16" button="Convert to FP16" onSubmit={() => submit({ kind: 'fp16', keepIoTypes: keepIo, ...(ops.length ? { blockOps: ops } : {}) })}>
        <label><input type="checkbox" checked={keepIo} onChange={(e) => setKeepIo(e.target.checked)} /> keep float32 inputs/outputs</label>
        <label>block ops <input value={blockOps} placeholder="default list" aria-label="FP16 block ops" onChange={(e) => setBlockOps(e.target.value)} /></label>
      </Card>
      <Card
        title="INT8 (calibrated QDQ)"
        kind="int8"
        button="Quantize to INT8"
        onSubmit={() =>
          submit({
            kind: 'int8',
            method,
            perChannel,
            ...(method === 'percentile' ? { percentile: Number(percentile) } : {}),
            ...(smooth === 'auto' ? { smoothquant: 'auto' } : smooth === 'alpha' ? { smoothquant: Number(alpha) } : {}),
          })
        }
      >
        <label>
          calibration
          <select aria-label="INT8 method" value={method} onChange={(e) => setMethod(e.target.value)}>
            <option value="minmax">MinMax</option>
            <option value="percentile">Percentile</option>
            <option value="entropy">Entropy (KL)</option>
          </select>
          {method === 'percentile' && <input aria-label="Percentile" value={percentile} onChange={(e) => setPercentile(e.target.value)} style={{ width: 70 }} />}
        </label>
        <label><input type="checkbox" checked={perChannel} onChange={(e) => setPerChannel(e.target.checked)} /> per-channel weights</label>
        <label>
          SmoothQuant
          <select aria-label="SmoothQuant" value={smooth} onChange={(e) => setSmooth(e.target.value)}>
            <option value="off">off</option>
            <option value="alpha">α =</option>
            <option value="auto">auto (search α)</option>
          </select>
          {smooth === 'alpha' && <input aria-label="SmoothQuant alpha" value={alpha} onChange={(e) => setAlpha(e.target.value)} style={{ width: 60 }} />}
        </label>
      </Card>
      <Card title="Mixed-precision search" kind="search" button="Search per-layer precision" onSubmit={() => submit({ kind: 'search', budget: Number(budget) })}>
        <label>budget <input aria-label="Search budget" value={budget} onChange={(e) => setBudget(e.target.value)} style={{ width: 60 }} /> points lost at most</label>
        <span className="hint">accuracy points (classification) or missed defects per 1,000 (anomaly)</span>
      </Card>
      <Card title="Evaluate" kind="eval" button="Evaluate all variants" onSubmit={() => submit({ kind: 'eval' })}>
        <span className="hint">FP32 and every variant on the validation set: quality, agreement, latency, throughput, size, memory.</span>
      </Card>
    </div>
  );
}

/** Posts a job; null when queued, else the problems as one line. */
export async function postJob(body: Record<string, unknown>): Promise<string | null> {
  const res = await fetch('/api/precision/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.ok) return null;
  return problemText(await res.json().catch(() => null), `Not queued (${res.status})`);
}
