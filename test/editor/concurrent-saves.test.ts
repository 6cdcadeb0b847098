import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pipelinesRoute from '@/app/api/pipelines/route';
import * as versionsRoute from '@/app/api/pipelines/[id]/versions/route';
import * as versionRoute from '@/app/api/pipelines/[id]/versions/[n]/route';
import { serverDb } from '@/lib/db/server-db';
import type { Graph } from '@/lib/pipeline/graph';

const demo = JSON.parse(readFileSync(join(__dirname, '..', '..', 'pipelines', 'demo.json'), 'utf8')) as Graph;
const withSeed = (seed: number): Graph => ({ ...demo, nodes: demo.nodes.map((n) => (n.id === 'camera' ? { ...n, params: { ...n.params, seed } } : n)) });

const post = (body: unknown) => new Request('http://test/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

describe('saving one pipeline from two editors at once, through the API routes', () => {
  beforeAll(() => {
    // The routes open the server database from DATABASE_URL on first use: a fresh SQLite file here.
    process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), 'loupe-saves-')), 'loupe.db')}`;
  });
  afterAll(async () => (await serverDb()).close());

  it('given two users saving different edits of the same pipeline at the same moment, when both requests finish, then both survive as distinct versions', async () => {
    const created = await pipelinesRoute.POST(post({ name: 'Two editors' }), undefined as never);
    expect(created.status).toBe(201);
    const { pipeline } = await created.json();
    const id = ctx({ id: pipeline.id });

    const answers = await Promise.all([
      versionsRoute.POST(post({ graph: withSeed(11), author: 'ana', message: 'seed 11' }), id),
      versionsRoute.POST(post({ graph: withSeed(22), author: 'bo', message: 'seed 22' }), id),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const saved = await Promise.all(answers.map(async (a) => (await a.json()).version));
    expect(saved.map((v) => v.number).sort()).toEqual([1, 2]);
    expect(saved[0].graphHash).not.toBe(saved[1].graphHash);

    const listed = await (await versionsRoute.GET(new Request('http://test/api'), id)).json();
    expect(listed.versions.map((v: { author: string; message: string }) => `${v.author}: ${v.message}`).sort()).toEqual(['ana: seed 11', 'bo: seed 22']);
    for (const v of saved) {
      const got = await (await versionRoute.GET(new Request('http://test/api'), ctx({ id: pipeline.id, n: String(v.number) }))).json();
      const seed = got.version.graph.nodes.find((n: { id: string }) => n.id === 'camera').params.seed;
      expect(seed).toBe(v.author === 'ana' ? 11 : 22);
    }
  });
});
