import { ProblemError, problem } from '@/lib/pipeline/problems';
import { serverDb } from '@/lib/db/server-db';
import { handler, json } from '@/lib/http/handler';

type Ctx = { params: Promise<{ id: string }> };

export const GET = handler(async (_req: Request, { params }: Ctx) => {
  const { id } = await params;
  const job = await (await serverDb()).precisionJobs.get(id);
  if (!job) throw new ProblemError([problem('request.not-found', `No precision job with id ${id}`)]);
  return json({ job });
});
