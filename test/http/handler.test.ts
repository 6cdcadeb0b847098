import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, readJson } from '@/lib/http/handler';
import { statusOf } from '@/lib/http/problem-status';
import { ProblemError, problem } from '@/lib/pipeline/problems';

const post = (body: string) => new Request('http://loupe.test/api/thing', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
const Body = z.object({ name: z.string().min(1), count: z.number().int() });
const echo = handler(async (req: Request) => Response.json(await readJson(req, Body)));

describe('the route wrapper', () => {
  it('given a valid body, when the handler runs, then its answer passes through', async () => {
    const res = await echo(post('{"name":"a","count":2}'), undefined);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: 'a', count: 2 });
  });

  it('given a body that is not JSON, when it is read, then the answer is 400 request.invalid', async () => {
    const res = await echo(post('{"name":'), undefined);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ problems: [{ code: 'request.invalid', message: 'The request body is not valid JSON' }] });
  });

  it('given JSON of the wrong shape, when it is read, then each bad field is a problem with its path', async () => {
    const res = await echo(post('{"count":1.5}'), undefined);
    expect(res.status).toBe(400);
    const { problems } = await res.json();
    expect(problems.map((p: { path: unknown[] }) => p.path)).toEqual([['name'], ['count']]);
  });

  it('given a handler that throws problems, when it runs, then the most severe problem decides the status', async () => {
    const res = await handler(async () => {
      throw new ProblemError([problem('request.invalid', 'bad'), problem('request.not-found', 'gone')]);
    })(post('{}'), undefined);
    expect(res.status).toBe(404);
    expect((await res.json()).problems).toHaveLength(2);
  });

  it('given a handler that crashes, when it runs, then the answer is a bare 500 internal without the error text', async () => {
    const res = await handler(async () => {
      throw new Error('SQLITE_CORRUPT at /srv/loupe/lib/db/secret.ts:42');
    })(post('{}'), undefined);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).problems[0].code).toBe('internal');
    expect(text).not.toContain('SQLITE_CORRUPT');
    expect(text).not.toContain('secret.ts');
  });
});

describe('problem codes as HTTP statuses', () => {
  it.each([
    ['request.invalid', 400],
    ['graph.cycle', 422],
    ['node.bad-params', 422],
    ['edge.type-mismatch', 422],
    ['model.not-onnx', 422],
    ['request.not-found', 404],
    ['request.conflict', 409],
    ['db.unreachable', 503],
    ['internal', 500],
  ] as const)('given %s, when it is answered, then the status is %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
  });
});
