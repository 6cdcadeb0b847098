'use client';
/** The model input spec (lib/precision/input-spec.ts) as form fields; mean/std take one or three numbers. */
import type { InputSpec } from '@/lib/precision/input-spec';

export interface SpecDraft {
  width: string;
  height: string;
  channels: 'gray' | 'rgb' | 'bgr';
  scale: string;
  mean: string;
  std: string;
}

const list = (v: number | number[]) => [v].flat().join(', ');

export function specDraft(spec: InputSpec | null): SpecDraft {
  if (!spec) return { width: '', height: '', channels: 'rgb', scale: String(1 / 255), mean: '0', std: '1' };
  return { width: String(spec.width), height: String(spec.height), channels: spec.channels, scale: String(spec.scale), mean: list(spec.mean), std: list(spec.std) };
}

/** The JSON the server validates (it answers a clear 400 for a bad field). */
export function specOf(d: SpecDraft): Record<string, unknown> {
  const nums = (s: string) => {
    const parts = s.split(',').map((x) => Number(x.trim()));
    return parts.length === 1 ? parts[0] : parts;
  };
  return { width: Number(d.width), height: Number(d.height), channels: d.channels, scale: Number(d.scale), mean: nums(d.mean), std: nums(d.std), layout: 'nchw' };
}

export function SpecFields({ draft, onChange, source }: { draft: SpecDraft; onChange: (d: SpecDraft) => void; source: string }) {
  const field = (key: Exclude<keyof SpecDraft, 'channels'>, label: string) => (
    <label>
      {label}
      <input aria-label={`Input ${label}`} value={draft[key]} onChange={(e) => onChange({ ...draft, [key]: e.target.value })} />
    </label>
  );
  return (
    <div className="lab-set">
      <strong>Model input (preprocessing)</strong>
      <span className="hint">From {source || 'nowhere: fill it in'}</span>
      <div className="lab-spec">
        {field('width', 'width')}
        {field('height', 'height')}
        <label>
          channels
          <select aria-label="Input channels" value={draft.channels} onChange={(e) => onChange({ ...draft, channels: e.target.value as SpecDraft['channels'] })}>
            <option value="gray">gray</option>
            <option value="rgb">rgb</option>
            <option value="bgr">bgr</option>
          </select>
        </label>
        {field('scale', 'scale')}
        {field('mean', 'mean')}
        {field('std', 'std')}
      </div>
    </div>
  );
}
