import { handler, json } from '@/lib/http/handler';
import { labRunner } from '@/lib/precision-lab/lab-server';

type Ctx = { params: Promise<{ id: string }> };

/** Cancels a queued job or stops a running one; answers with the job once it is cancelled (409 when it has already ended). */
export const POST = handler(async (_req: Request, { params }: Ctx) => {
  const { id } = await params;
  const job = await (await labRunner()).cancel(id);
  return json({ job });
});
