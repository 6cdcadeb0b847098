import { expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { describeEachDatabase } from './test-databases';

async function lineWithTwoVersions(db: Database, name: string) {
  const line = await db.lines.create({ name, taktMs: 400 });
  const pipeline = await db.pipelines.create({ name: `${name} pipeline` });
  const v1 = await db.pipelines.saveVersion({ pipelineId: pipeline.id, graph: { v: 1 }, author: 'a', message: 'one' });
  const v2 = await db.pipelines.saveVersion({ pipelineId: pipeline.id, graph: { v: 2 }, author: 'a', message: 'two' });
  return { line, pipeline, v1, v2 };
}

describeEachDatabase('deployments repository', (db) => {
  it('given a line with no deployment, when asked for the current one, then there is none', async () => {
    const line = await db().lines.create({ name: 'Idle line', taktMs: 100 });
    expect(await db().deployments.current(line.id)).toBeNull();
    expect(await db().deployments.history(line.id)).toEqual([]);
  });

  it('given two deploys, when the second lands, then it is current and the first is ended history', async () => {
    const { line, pipeline, v1, v2 } = await lineWithTwoVersions(db(), 'Deploy line');
    const first = await db().deployments.deploy({ lineId: line.id, versionId: v1.id });
    expect(first).toMatchObject({ active: true, endedAt: null, versionNumber: 1, pipelineId: pipeline.id, pipelineName: 'Deploy line pipeline' });
    const second = await db().deployments.deploy({ lineId: line.id, versionId: v2.id });
    expect(await db().deployments.current(line.id)).toEqual(second);
    const history = await db().deployments.history(line.id);
    expect(history.map((d) => [d.versionNumber, d.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history[1].endedAt).toBeInstanceOf(Date);
  });

  it('given a rollback, when an older version is deployed again, then it becomes current and history keeps all three', async () => {
    const { line, v1, v2 } = await lineWithTwoVersions(db(), 'Rollback line');
    await db().deployments.deploy({ lineId: line.id, versionId: v1.id });
    await db().deployments.deploy({ lineId: line.id, versionId: v2.id });
    await db().deployments.deploy({ lineId: line.id, versionId: v1.id });
    expect((await db().deployments.current(line.id))?.versionNumber).toBe(1);
    expect((await db().deployments.history(line.id)).filter((d) => d.active)).toHaveLength(1);
    expect(await db().deployments.history(line.id)).toHaveLength(3);
  });

  it('given concurrent deploys to one line, when both finish, then exactly one deployment is active', async () => {
    const { line, v1, v2 } = await lineWithTwoVersions(db(), 'Racing deploys');
    await Promise.all([db().deployments.deploy({ lineId: line.id, versionId: v1.id }), db().deployments.deploy({ lineId: line.id, versionId: v2.id })]);
    const history = await db().deployments.history(line.id);
    expect(history).toHaveLength(2);
    expect(history.filter((d) => d.active)).toHaveLength(1);
  });

  it('given an unknown version, when deploying, then request.not-found is reported', async () => {
    const line = await db().lines.create({ name: 'Bad deploy line', taktMs: 100 });
    await expect(db().deployments.deploy({ lineId: line.id, versionId: 'nope' })).rejects.toMatchObject({ problems: [{ code: 'request.not-found' }] });
  });
});
