import { z } from 'zod';
import { serverDb } from '@/lib/db/server-db';
import { handler, readJson } from '@/lib/http/handler';

const CreateBody = z.object({ name: z.string().trim().min(1, 'A pipeline needs a name').max(200) }).strict();

export const GET = handler(async () => {
  const db = await serverDb();
  return Response.json({ pipelines: await db.pipelines.list() });
});

export const POST = handler(async (req: Request) => {
  const { name } = await readJson(req, CreateBody);
  const db = await serverDb();
  return Response.json({ pipeline: await db.pipelines.create({ name }) }, { status: 201 });
});
