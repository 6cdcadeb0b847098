import { handler } from '@/lib/http/handler';
import { requirePipeline, summary } from '@/lib/pipeline-store/versions';

export const GET = handler(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { db, pipeline } = await requirePipeline((await params).id);
  return Response.json({ pipeline, versions: (await db.pipelines.listVersions(pipeline.id)).map(summary) });
});
