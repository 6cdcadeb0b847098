/**
 * `npm run db:seed`: the demo line with the demo pipeline deployed on it, so that a fresh clone
 * has something running. Idempotent: running it again creates nothing new.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Database, openDatabase } from '@/lib/db/client';
import type { DeploymentRecord, LineRecord, PipelineRecord, PipelineVersionRecord } from '@/lib/db/types';
import { graphSchema } from '@/lib/pipeline/graph';
import { ProblemError, problem } from '@/lib/pipeline/problems';

export const DEMO_LINE = { name: 'Demo line', taktMs: 100 };
export const DEMO_PIPELINE = 'Demo surface inspection';

export const SeedOptions = z.object({
  /** The demo graph file (default pipelines/demo.json). */
  graphPath: z.string().default(join(process.cwd(), 'pipelines', 'demo.json')),
  /** A graph object to use instead of reading graphPath. */
  graph: z.unknown().optional(),
});

export interface SeedResult {
  line: LineRecord;
  pipeline: PipelineRecord;
  version: PipelineVersionRecord;
  deployment: DeploymentRecord;
}

export async function seedDemo(db: Database, options: z.input<typeof SeedOptions> = {}): Promise<SeedResult> {
  const { graphPath, graph } = SeedOptions.parse(options);
  const line = (await db.lines.getByName(DEMO_LINE.name)) ?? (await db.lines.create(DEMO_LINE));
  const pipeline = (await db.pipelines.findByName(DEMO_PIPELINE)) ?? (await db.pipelines.create({ name: DEMO_PIPELINE }));
  // Version 1 only: once the demo pipeline has versions they are the user's history, not ours.
  const version =
    (await db.pipelines.getVersionByNumber(pipeline.id, pipeline.latestVersion || 1)) ??
    (await db.pipelines.saveVersion({ pipelineId: pipeline.id, graph: demoGraph(graph, graphPath), author: 'seed', message: 'Demo pipeline' }));
  const deployment = (await db.deployments.current(line.id)) ?? (await db.deployments.deploy({ lineId: line.id, versionId: version.id }));
  return { line, pipeline: { ...pipeline, latestVersion: Math.max(pipeline.latestVersion, version.number) }, version, deployment };
}

function demoGraph(graph: unknown, graphPath: string): unknown {
  let document = graph;
  if (document === undefined) {
    try {
      document = JSON.parse(readFileSync(graphPath, 'utf8'));
    } catch (error) {
      throw new ProblemError([problem('graph.invalid', `Cannot read the demo pipeline ${graphPath}: ${(error as Error).message}`)]);
    }
  }
  const parsed = graphSchema.safeParse(document);
  if (!parsed.success) {
    throw new ProblemError(parsed.error.issues.map((issue) => problem('graph.invalid', `Demo pipeline: ${issue.message}`, { path: issue.path as (string | number)[] })));
  }
  return parsed.data;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const db = await openDatabase();
  try {
    const { line, pipeline, version, deployment } = await seedDemo(db);
    console.log(`Seeded ${db.url}: line "${line.name}" runs "${pipeline.name}" v${version.number} (deployment ${deployment.id})`);
  } catch (error) {
    console.error(error instanceof ProblemError ? JSON.stringify({ problems: error.problems }) : error);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
