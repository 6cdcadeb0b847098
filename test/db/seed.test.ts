import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '@/lib/db/client';
import { DEMO_LINE, DEMO_PIPELINE, seedDemo } from '@/scripts/seed';
import { createTestDatabaseUrl, describeEachDatabase } from './test-databases';

const demoFile = join(process.cwd(), 'pipelines', 'demo.json');
/** A minimal valid graph, so the seed is tested even before pipelines/demo.json exists. */
const minimalGraph = {
  version: 1,
  nodes: [{ id: 'camera', kind: 'source.synthetic', params: { seed: 1 }, position: { x: 0, y: 0 } }],
  edges: [],
};

describeEachDatabase('demo seed', (db) => {
  it('given an empty database, when seeded twice, then one demo line runs version 1 of the demo pipeline', async () => {
    const first = await seedDemo(db(), { graph: minimalGraph });
    expect(first.line).toMatchObject(DEMO_LINE);
    expect(first.pipeline.name).toBe(DEMO_PIPELINE);
    expect(first.version).toMatchObject({ number: 1, author: 'seed' });
    expect(first.version.graph).toMatchObject(minimalGraph);
    expect(first.deployment).toMatchObject({ lineId: first.line.id, versionId: first.version.id, active: true });

    const second = await seedDemo(db(), { graph: minimalGraph });
    expect(second.line.id).toBe(first.line.id);
    expect(second.deployment.id).toBe(first.deployment.id);
    expect((await db().lines.list()).filter((l) => l.name === DEMO_LINE.name)).toHaveLength(1);
    expect((await db().pipelines.list()).filter((p) => p.name === DEMO_PIPELINE)).toHaveLength(1);
    expect(await db().pipelines.listVersions(first.pipeline.id)).toHaveLength(1);
    expect(await db().deployments.history(first.line.id)).toHaveLength(1);
  });

  it('given an already seeded database, when seeded without a readable graph file, then nothing is needed from it', async () => {
    const again = await seedDemo(db(), { graphPath: join(process.cwd(), 'no-such-dir', 'demo.json') });
    expect(again.version.number).toBe(1);
  });
});

describe('demo seed input', () => {
  async function withFreshDatabase(use: (db: Database) => Promise<void>) {
    const target = await createTestDatabaseUrl('sqlite');
    const db = await openDatabase(target.url);
    try {
      await use(db);
    } finally {
      await db.close();
      await target.cleanup();
    }
  }

  it('given a graph that is not a pipeline, when seeding a fresh database, then graph.invalid problems are reported', async () => {
    await withFreshDatabase(async (db) => {
      await expect(seedDemo(db, { graph: { version: 1, nodes: 'nope' } })).rejects.toMatchObject({ problems: expect.arrayContaining([expect.objectContaining({ code: 'graph.invalid', path: ['nodes'] })]) });
    });
  });

  it.skipIf(!existsSync(demoFile))('given pipelines/demo.json (skipped until that file exists), when seeding a fresh database, then its graph is version 1', async () => {
    await withFreshDatabase(async (db) => {
      const { version } = await seedDemo(db, { graphPath: demoFile });
      expect(version.number).toBe(1);
    });
  });
});
