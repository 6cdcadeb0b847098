/** A job as the browser holds it: the repository record, dates as they came (Date or ISO text). */
import type { PrecisionJobRecord } from '@/lib/db/types';

export type JobView = Omit<PrecisionJobRecord, 'createdAt' | 'startedAt' | 'finishedAt'> & {
  createdAt: string | Date;
  startedAt: string | Date | null;
  finishedAt: string | Date | null;
};

export const isActive = (job: JobView) => job.status === 'queued' || job.status === 'running';

/** One line on what a job ended with: its output file, or its problems. */
export function jobOutcome(job: JobView): string {
  const r = job.result as { out?: string; savedTo?: string; problems?: { code: string; message: string }[] } | null;
  if (job.status === 'interrupted') return 'The server stopped while this job ran; run it again.';
  if (job.status === 'cancelled') return job.startedAt ? 'Cancelled while it ran; nothing was written.' : 'Cancelled before it started.';
  if (!r) return '';
  if (r.problems?.length) return r.problems.map((p) => `${p.code}: ${p.message}`).join('; ');
  return r.out ? `wrote ${r.out}` : r.savedTo ? `report saved to ${r.savedTo}` : 'done';
}
