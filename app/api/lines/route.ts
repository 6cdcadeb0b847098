/** GET /api/lines: every line with its counts, deployed pipeline and workers (the home page polls it). */
import { serverDb } from '@/lib/db/server-db';
import { handler, json } from '@/lib/http/handler';
import { listLineSummaries } from '@/lib/lines/list-line-summaries';

export const dynamic = 'force-dynamic';

export const GET = handler(async () => json(await listLineSummaries(await serverDb())));
