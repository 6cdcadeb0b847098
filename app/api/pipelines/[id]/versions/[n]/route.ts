import { safeValidate } from '@/lib/editor/safe-validate';
import { handler } from '@/lib/http/handler';
import { requireVersion, summary } from '@/lib/pipeline-store/versions';

export const GET = handler(async (_req: Request, { params }: { params: Promise<{ id: string; n: string }> }) => {
  const { id, n } = await params;
  const { version } = await requireVersion(id, n);
  return Response.json({ version: { ...summary(version), graph: version.graph }, problems: safeValidate(version.graph) });
});
