'use client';
/** Name a pipeline and open it in the editor. */
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function NewPipelineForm() {
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="new-pipeline"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await fetch('/api/pipelines', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
        const body = await res.json();
        if (!res.ok) return setError(body.problems?.map((p: { message: string }) => p.message).join('; ') ?? 'Not created');
        router.push(`/pipelines/${body.pipeline.id}`);
      }}
    >
      <input aria-label="Pipeline name" placeholder="New pipeline name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      <button type="submit">Create pipeline</button>
      {error && <span className="field-error" role="alert">{error}</span>}
    </form>
  );
}
