/** Every line with its counts, deployed pipeline and workers: one read for the home page. */
import type { Database } from '@/lib/db/client';
import { type LineSummary, type LinesResponse, WORKER_ONLINE_MS } from './line-summary';

const WORKER_LISTED_MS = 10 * 60_000;

export async function listLineSummaries(db: Database, now = new Date()): Promise<LinesResponse> {
  const lines = await db.lines.list();
  const ids = lines.map((line) => line.id);
  const [stats, workers, deployments] = await Promise.all([
    db.stats.lines(ids, { now }),
    // Workers long gone (an earlier run's) would only clutter the page.
    db.workers.list({ seenSince: new Date(now.getTime() - WORKER_LISTED_MS) }),
    Promise.all(ids.map((id) => db.deployments.current(id))),
  ]);
  const summaries = lines.map((line, index): LineSummary => {
    const s = stats.get(line.id)!;
    const d = deployments[index];
    return {
      id: line.id,
      name: line.name,
      taktMs: line.taktMs,
      deployment: d && { deploymentId: d.id, versionId: d.versionId, pipelineId: d.pipelineId, pipelineName: d.pipelineName, versionNumber: d.versionNumber },
      stats: { ...s, lastResultAt: s.lastResultAt?.toISOString() ?? null },
      workers: workers
        .filter((w) => w.lineId === line.id)
        .map((w) => ({
          id: w.id,
          lastSeenAt: w.lastSeenAt.toISOString(),
          status: w.status,
          online: now.getTime() - w.lastSeenAt.getTime() < WORKER_ONLINE_MS,
        })),
    };
  });
  return { lines: summaries, now: now.toISOString() };
}
