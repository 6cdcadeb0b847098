/**
 * What GET /api/lines answers for each line (the home page's data), in wire form: dates are ISO
 * strings. Built from the repositories in list-line-summaries.ts.
 */
import type { LineStats } from '@/lib/db/types';

export interface WorkerSummary {
  id: string;
  lastSeenAt: string;
  /** The worker's last heartbeat status ({ state, frames, fps, errors, dropped, spooled }). */
  status: Record<string, unknown>;
  /** Heard from within WORKER_ONLINE_MS. */
  online: boolean;
}

export interface LineSummary {
  id: string;
  name: string;
  taktMs: number;
  deployment: { deploymentId: string; versionId: string; pipelineId: string; pipelineName: string; versionNumber: number } | null;
  /** The repository's LineStats on the wire: the date as an ISO string. */
  stats: Omit<LineStats, 'lastResultAt'> & { lastResultAt: string | null };
  workers: WorkerSummary[];
}

export interface LinesResponse {
  lines: LineSummary[];
  /** Server time the summaries were taken at, so clients show ages without trusting their own clock. */
  now: string;
}

/** Workers beat every few seconds; three missed beats and a worker shows as offline. */
export const WORKER_ONLINE_MS = 15_000;
