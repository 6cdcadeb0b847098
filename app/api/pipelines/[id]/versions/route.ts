import { z } from 'zod';
import { graphSchema } from '@/lib/pipeline/graph';
import { safeValidate } from '@/lib/editor/safe-validate';
import { handler, readJson } from '@/lib/http/handler';
import { requirePipeline, summary } from '@/lib/pipeline-store/versions';

type Ctx = { params: Promise<{ id: string }> };

// A saved graph must be a graph document; it may still have problems (work in progress).
const SaveBody = z.object({ graph: graphSchema, author: z.string().trim().min(1).max(100), message: z.string().max(2000).default('') }).strict();

export const GET = handler(async (_req: Request, { params }: Ctx) => {
  const { db, pipeline } = await requirePipeline((await params).id);
  return Response.json({ versions: (await db.pipelines.listVersions(pipeline.id)).map(summary) });
});

export const POST = handler(async (req: Request, { params }: Ctx) => {
  const { db, pipeline } = await requirePipeline((await params).id);
  const body = await readJson(req, SaveBody);
  const version = await db.pipelines.saveVersion({ pipelineId: pipeline.id, ...body });
  // The reasons it cannot be deployed yet, computed by the same validator as the editor's.
  return Response.json({ version: summary(version), problems: safeValidate(body.graph) }, { status: 201 });
});
