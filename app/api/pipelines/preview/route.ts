/**
 * POST /api/pipelines/preview {graph, frames?: 1..8, image?: base64 PNG/JPEG}: runs the graph as
 * edited on a few frames and answers what each node gave, with its time. Sinks do not run.
 * A graph that does not compile (or cannot start) answers 400 with its problems.
 */
import { handler, json, problemResponse, readJson } from '@/lib/http/handler';
import { previewRequestSchema } from '@/lib/preview/preview-request';
import { runPreview } from '@/lib/preview/run-preview';

export const POST = handler(async (req: Request) => {
  const body = await readJson(req, previewRequestSchema);
  const result = await runPreview(body, { baseDir: process.cwd() });
  if ('problems' in result) return problemResponse(result.problems, 400);
  return json(result);
});
