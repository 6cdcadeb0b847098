/**
 * Results written per second through the batching ResultWriter into a database (goal ≥ 20,000/s
 * on SQLite and PostgreSQL). Used by `npm run bench`; runs standalone too:
 *   tsx bench/db-write.ts [n] [url]   (no url: a temp SQLite file and, if reachable, a temp PostgreSQL schema)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '@/lib/db/client';
import { ResultWriter } from '@/lib/db/result-writer';
import type { ResultRecord } from '@/lib/pipeline/runtime/services';

/**
 * Writes `n` synthetic results for a fresh bench line into `url`, the way a worker does, and
 * returns results per second. It leaves its rows behind: give it a scratch database (see
 * benchResultWritesEverywhere).
 */
export async function benchResultWrites(url: string, n: number): Promise<number> {
  const db = await openDatabase(url);
  try {
    const line = await db.lines.create({ name: `bench ${randomUUID()}`, taktMs: 100 });
    const pipeline = await db.pipelines.create({ name: 'bench' });
    const version = await db.pipelines.saveVersion({ pipelineId: pipeline.id, graph: { version: 1, nodes: [], edges: [] }, author: 'bench', message: 'bench' });
    const deployment = await db.deployments.deploy({ lineId: line.id, versionId: version.id });
    const writer = new ResultWriter(db.results, {
      lineId: line.id, versionId: version.id, deploymentId: deployment.id, runId: randomUUID(), maxRecords: 5000, maxDelayMs: 1000,
    });
    const started = performance.now();
    const t0 = Date.now();
    for (let seq = 0; seq < n; seq += 100) {
      await writer.write(Array.from({ length: Math.min(100, n - seq) }, (_, i) => fakeResult(seq + i, t0)));
    }
    await writer.close();
    const seconds = (performance.now() - started) / 1000;
    if (writer.totals.accepted !== n) throw new Error(`bench wrote ${writer.totals.accepted} of ${n} results`);
    return n / seconds;
  } finally {
    await db.close();
  }
}

function fakeResult(seq: number, t0: number): ResultRecord {
  const fail = seq % 10 === 0;
  return {
    frameId: `f${seq}`, seq, origin: `synthetic:1:${seq}`, inspectedAt: t0 + seq, verdict: fail ? 'fail' : 'pass',
    defects: fail ? [{ kind: 'scratch', score: 0.93, box: [10, 20, 30, 4] }] : [],
    reasons: fail ? ['scratch 0.93 ≥ 0.5'] : [], latencyMs: 3 + (seq % 7) * 0.1,
    truth: { defective: fail, defects: [] },
  };
}

export interface DbWriteRates {
  sqlite: number;
  /** null when no PostgreSQL server answers (the reason is in postgresqlSkipped). */
  postgresql: number | null;
  postgresqlSkipped?: string;
}

/**
 * Results/second on a temporary SQLite file and on a temporary schema of the PostgreSQL server
 * at LOUPE_BENCH_PG_URL (default postgresql://postgres@127.0.0.1:5432/test); both removed after.
 */
export async function benchResultWritesEverywhere(n: number): Promise<DbWriteRates> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-'));
  let sqlite: number;
  try {
    sqlite = await benchResultWrites(`file:${join(dir, 'bench.db')}`, n);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const base = process.env.LOUPE_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const schema = `loupe_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return { sqlite, postgresql: null, postgresqlSkipped: `PostgreSQL not reachable at ${base}: ${(error as Error).message}` };
  }
  try {
    return { sqlite, postgresql: await benchResultWrites(`${base}${base.includes('?') ? '&' : '?'}schema=${schema}`, n) };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 100_000);
  const urlArg = args.find((arg) => !/^\d+$/.test(arg));
  const rates = urlArg ? { [urlArg.split(':')[0]]: await benchResultWrites(urlArg, n) } : await benchResultWritesEverywhere(n);
  console.log(JSON.stringify({ results: n, resultsPerSecond: rates }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
