/**
 * POST /api/results: a worker's batch of inspected parts. Idempotent on each result's key, so a
 * batch re-sent after a lost answer or replayed from the spool is counted once.
 */
import { resultsBatchSchema } from '@/lib/api/schemas';
import { serverDb } from '@/lib/db/server-db';
import { handler, json, readJson } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

export const POST = handler(async (req: Request) => {
  const { lineId, versionId, deploymentId, results } = await readJson(req, resultsBatchSchema);
  const db = await serverDb();
  const outcome = await db.results.write({ lineId, versionId, deploymentId, results });
  return json({ accepted: outcome.accepted, duplicates: outcome.duplicates });
});
