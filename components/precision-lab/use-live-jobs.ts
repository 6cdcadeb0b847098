'use client';
/**
 * The model's jobs, polled while any is queued or running. When a job reaches done the page's
 * server data (variants, report, per-layer view) is re-read with router.refresh().
 */
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isActive, type JobView } from './job-view';

const POLL_MS = 1000;

export function useLiveJobs(modelId: string, initial: JobView[]): { jobs: JobView[]; reload: () => Promise<void> } {
  const router = useRouter();
  const [jobs, setJobs] = useState(initial);
  const seen = useRef(new Map(initial.map((j) => [j.id, j.status])));
  const reload = useCallback(async () => {
    const res = await fetch(`/api/precision/jobs?model=${encodeURIComponent(modelId)}`, { cache: 'no-store' }).catch(() => null);
    if (!res?.ok) return;
    const next = ((await res.json()) as { jobs: JobView[] }).jobs;
    const finished = next.some((j) => j.status === 'done' && seen.current.get(j.id) !== 'done');
    seen.current = new Map(next.map((j) => [j.id, j.status]));
    setJobs(next);
    if (finished) router.refresh();
  }, [modelId, router]);
  const active = jobs.some(isActive);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);
  return { jobs, reload };
}
