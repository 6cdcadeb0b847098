/** POST /api/workers/heartbeat: a worker is alive, with its counters; the home page shows the last one. */
import { heartbeatSchema } from '@/lib/api/schemas';
import { serverDb } from '@/lib/db/server-db';
import { handler, json, readJson } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

export const POST = handler(async (req: Request) => {
  const { workerId, lineId, status } = await readJson(req, heartbeatSchema);
  await (await serverDb()).workers.heartbeat({ workerId, lineId, status });
  return json({ ok: true });
});
