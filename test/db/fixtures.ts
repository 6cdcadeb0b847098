/** Small builders shared by the database tests. */
import type { Database } from '@/lib/db/client';
import type { KeyedResult } from '@/lib/db/types';

/** A line with one pipeline version deployed on it. */
export async function deployedLine(db: Database, name: string) {
  const line = await db.lines.create({ name, taktMs: 500 });
  const pipeline = await db.pipelines.create({ name: `${name} pipeline` });
  const version = await db.pipelines.saveVersion({ pipelineId: pipeline.id, graph: { version: 1, nodes: [], edges: [] }, author: 't', message: 'm' });
  const deployment = await db.deployments.deploy({ lineId: line.id, versionId: version.id });
  return { line, pipeline, version, deployment };
}

export function result(runId: string, seq: number, overrides: Partial<KeyedResult> = {}): KeyedResult {
  return {
    resultKey: `${runId}:${seq}`,
    frameId: `frame-${seq}`,
    seq,
    origin: `synthetic:7:${seq}`,
    inspectedAt: Date.UTC(2026, 0, 1, 12, 0, 0) + seq * 100,
    verdict: 'pass',
    defects: [],
    reasons: [],
    latencyMs: 4 + seq / 10,
    ...overrides,
  };
}
