'use client';
/**
 * A calibration or validation image set: a folder on the server, typed, or a folder from this
 * computer, uploaded (sub-folders kept: validation sets hold one folder per class).
 */
import { useState } from 'react';
import { problemText } from './format';

const folderPicker = { webkitdirectory: '', directory: '' } as Record<string, string>;

export function ImageSetPicker({ label, name, value, onChange }: { label: string; name: string; value: string; onChange: (folder: string) => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const upload = async () => {
    const top = files[0]?.webkitRelativePath?.split('/')[0] || `${name}-${Date.now()}`;
    const form = new FormData();
    // A short time suffix: uploading the same folder twice makes two sets, not a conflict.
    form.set('name', `${top}-${name}-${Date.now().toString(36)}`);
    for (const f of files) {
      form.append('files', f);
      form.append('paths', f.webkitRelativePath || f.name);
    }
    setStatus({ ok: true, text: `uploading ${files.length} files…` });
    const res = await fetch('/api/precision/datasets', { method: 'POST', body: form });
    const body = await res.json().catch(() => null);
    if (!res.ok) return setStatus({ ok: false, text: problemText(body, `Upload failed (${res.status})`) });
    onChange(body.dataset.path);
    setStatus({ ok: true, text: `${body.dataset.images} images uploaded to ${body.dataset.path}${body.dataset.skipped ? ` (${body.dataset.skipped} other files skipped)` : ''}` });
  };
  return (
    <div className="lab-set" data-set={name}>
      <strong>{label}</strong>
      <label>
        Server folder
        <input type="text" aria-label={`${label} folder`} value={value} placeholder="e.g. ../shared/datasets/neu-det/val" onChange={(e) => onChange(e.target.value)} />
      </label>
      <label>
        or upload
        <input type="file" multiple aria-label={`${label} upload`} {...folderPicker} onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        <button type="button" disabled={!files.length} onClick={upload}>Upload</button>
      </label>
      {status && <span className={status.ok ? 'lab-ok' : 'lab-error'} role={status.ok ? 'status' : 'alert'}>{status.text}</span>}
    </div>
  );
}
