/** Server-side lookups of pipelines and their versions, shared by the pipeline pages and routes; a missing one is a request.not-found Problem. */
import type { PipelineVersionRecord } from '@/lib/db/types';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import { serverDb } from '@/lib/db/server-db';

export async function requirePipeline(id: string) {
  const db = await serverDb();
  const pipeline = await db.pipelines.get(id);
  if (!pipeline) throw new ProblemError([problem('request.not-found', `No pipeline with id ${id}`)]);
  return { db, pipeline };
}

export async function requireVersion(id: string, n: string) {
  const { db, pipeline } = await requirePipeline(id);
  const number = Number(n);
  const version = Number.isInteger(number) && number > 0 ? await db.pipelines.getVersionByNumber(id, number) : null;
  if (!version) throw new ProblemError([problem('request.not-found', `Pipeline ${pipeline.name} has no version ${n}`)]);
  return { db, pipeline, version };
}

/** A version without its graph, for history lists. */
export function summary(v: PipelineVersionRecord) {
  return { id: v.id, number: v.number, author: v.author, message: v.message, createdAt: v.createdAt.toISOString(), graphHash: v.graphHash };
}
