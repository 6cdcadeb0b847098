/**
 * `loupe run --db`: results go to the database the way a worker's do — through the batching
 * ResultWriter, under a line (default "cli") and a pipeline version for the file (reused when the
 * same graph was logged before, a new version otherwise). Nothing is deployed: a headless run
 * must not change what a line runs.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { openDatabase, type Database } from '@/lib/db/client';
import { ResultWriter } from '@/lib/db/result-writer';
import { hashJson } from '@/lib/pipeline/hash';

export interface DbSink {
  writer: ResultWriter;
  lineId: string;
  versionId: string;
  /** Flushes every result, then closes the database. */
  close(): Promise<void>;
}

export async function openDbSink(options: { url?: string; line: string; file: string; graph: unknown }): Promise<DbSink> {
  const db = await openDatabase(options.url);
  try {
    const line = (await db.lines.getByName(options.line)) ?? (await db.lines.create({ name: options.line, taktMs: 1000 }));
    const versionId = await ensureVersion(db, options.file, options.graph);
    const writer = new ResultWriter(db.results, { lineId: line.id, versionId, deploymentId: null, runId: randomUUID(), maxRecords: 1000, maxDelayMs: 200 });
    return {
      writer,
      lineId: line.id,
      versionId,
      async close() {
        try {
          await writer.close();
        } finally {
          await db.close();
        }
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

async function ensureVersion(db: Database, file: string, graph: unknown): Promise<string> {
  const named = (graph as { name?: unknown }).name;
  const name = typeof named === 'string' && named.trim() ? named : basename(file).replace(/\.json$/i, '');
  const pipeline = (await db.pipelines.findByName(name)) ?? (await db.pipelines.create({ name }));
  const hash = hashJson(graph);
  const same = (await db.pipelines.listVersions(pipeline.id)).reverse().find((v) => v.graphHash === hash);
  if (same) return same.id;
  return (await db.pipelines.saveVersion({ pipelineId: pipeline.id, graph, author: 'cli', message: `loupe run ${basename(file)}` })).id;
}
