/** GET /api/lines/:lineId/deployment: the deployed version and its graph, for workers (404 when none). */
import { serverDb } from '@/lib/db/server-db';
import { handler, json } from '@/lib/http/handler';
import { lineDeployment } from '@/lib/lines/line-deployment';

export const dynamic = 'force-dynamic';

export const GET = handler(async (_req: Request, { params }: { params: Promise<{ lineId: string }> }) => {
  const { lineId } = await params;
  return json(await lineDeployment(await serverDb(), lineId));
});
