import { serverDb } from '@/lib/db/server-db';
import { handler, json, readJson } from '@/lib/http/handler';
import { JobRequest } from '@/lib/precision-lab/job-request';
import { labPaths } from '@/lib/precision-lab/lab-paths';
import { labRunner } from '@/lib/precision-lab/lab-server';
import { findLabModel } from '@/lib/precision-lab/list-models';

/** `?model=<id or path>`: that model's jobs, newest first; without it, every model's. */
export const GET = handler(async (req: Request) => {
  await labRunner();
  const wanted = new URL(req.url).searchParams.get('model');
  const modelPath = wanted ? (findLabModel(labPaths(), wanted)?.path ?? wanted) : undefined;
  return json({ jobs: await (await serverDb()).precisionJobs.list({ modelPath }) });
});

/** Queues a job (JobRequest); a bad request is refused with 400 before anything is queued. */
export const POST = handler(async (req: Request) => {
  const request = await readJson(req, JobRequest);
  const job = await (await labRunner()).submit(request);
  return json({ job }, { status: 201 });
});
