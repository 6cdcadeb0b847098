'use client';
/**
 * Runs a preview of the graph as edited (POST /api/pipelines/preview) and keeps the answer: the
 * frames, which one is shown, and any problems. A new run replaces the last one.
 */
import { useCallback, useState } from 'react';
import type { Graph } from '@/lib/pipeline/graph';
import type { Problem } from '@/lib/pipeline/problems';
import type { PreviewResult } from '@/lib/preview/preview-types';

export function usePreview(notify: (text: string, tone: 'info' | 'error') => void) {
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [frame, setFrame] = useState(0);
  const [frames, setFrames] = useState(3);
  const [running, setRunning] = useState(false);

  const run = useCallback(
    async (graph: Graph, image?: File) => {
      setRunning(true);
      try {
        const body: Record<string, unknown> = { graph, frames };
        if (image) body.image = await asDataUrl(image);
        const res = await fetch('/api/pipelines/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const answer = (await res.json()) as PreviewResult | { problems: Problem[] };
        if ('problems' in answer) return notify(`Preview not run: ${answer.problems.map((p) => p.message).join('; ')}`, 'error');
        setResult(answer);
        setFrame(0);
        notify(`Previewed ${answer.frames.length} frame(s)${image ? ` of ${image.name}` : ''}`, 'info');
      } catch (error) {
        notify(`Preview failed: ${(error as Error).message}`, 'error');
      } finally {
        setRunning(false);
      }
    },
    [frames, notify],
  );

  const current = result?.frames[Math.min(frame, result.frames.length - 1)];
  return { result, current, frame, setFrame, frames, setFrames, running, run, clear: () => setResult(null) };
}

export type PreviewState = ReturnType<typeof usePreview>;

function asDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}
