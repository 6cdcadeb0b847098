/** GET /api/health: the app is up and its database is open (used by `npm start` and the e2e tests). */
import { serverDb } from '@/lib/db/server-db';
import { handler, json } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

export const GET = handler(async () => {
  const db = await serverDb();
  return json({ ok: true, database: db.provider });
});
