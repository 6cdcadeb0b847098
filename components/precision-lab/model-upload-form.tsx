'use client';
/** Upload an .onnx file; the server checks it is a model and the page opens its lab. */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { problemText } from './format';

export function ModelUploadForm() {
  const router = useRouter();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="lab-upload"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError('');
        const res = await fetch('/api/precision/models', { method: 'POST', body: new FormData(e.currentTarget) });
        const body = await res.json().catch(() => null);
        setBusy(false);
        if (!res.ok) return setError(problemText(body, `Upload failed (${res.status})`));
        router.push(`/precision/${body.model.id}`);
      }}
    >
      <input type="file" name="file" accept=".onnx" aria-label="ONNX model file" required />{' '}
      <button type="submit" disabled={busy}>{busy ? 'Uploading…' : 'Upload model'}</button>{' '}
      {error && <span className="lab-error" role="alert">{error}</span>}
    </form>
  );
}
