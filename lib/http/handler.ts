/**
 * The one wrapper every route handler goes through: Problems (thrown as ProblemError) become
 * `{ problems }` answers with a status from problem-status.ts; anything else is logged on the
 * server and answered as a bare 500 `internal`, so no stack trace or SQL ever reaches a client.
 */
import type { z } from 'zod';
import { ProblemError, problem, type Problem } from '@/lib/pipeline/problems';
import { problemStatus } from './problem-status';

export function problemResponse(problems: Problem[], status = problemStatus(problems)): Response {
  return Response.json({ problems }, { status, headers: { 'cache-control': 'no-store' } });
}

export function handler<C>(fn: (req: Request, ctx: C) => Promise<Response>): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    try {
      return await fn(req, ctx);
    } catch (error) {
      if (error instanceof ProblemError) return problemResponse(error.problems);
      console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, error);
      return problemResponse([problem('internal', 'The server could not complete the request')], 500);
    }
  };
}

/** Reads and validates a JSON body; a body that is not JSON or does not fit is a request.invalid Problem per issue. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = JSON.parse(await req.text());
  } catch {
    throw new ProblemError([problem('request.invalid', 'The request body is not valid JSON')]);
  }
  return parseWith(schema, body);
}

/** Validates any input (body, route params, query) against a zod schema. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ProblemError(
    parsed.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      return problem('request.invalid', `${path.join('.') || 'body'}: ${issue.message}`, { path });
    }),
  );
}

/** A JSON answer that is never cached (dashboards poll these). */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, { ...init, headers: { 'cache-control': 'no-store', ...init.headers } });
}
