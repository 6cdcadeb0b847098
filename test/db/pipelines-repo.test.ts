import { expect, it } from 'vitest';
import { hashJson } from '@/lib/pipeline/hash';
import { describeEachDatabase } from './test-databases';

const graph = (label: string) => ({ version: 1, nodes: [{ id: 'src', kind: 'source.synthetic', params: { label }, position: { x: 0, y: 0 } }], edges: [] });

describeEachDatabase('pipelines repository', (db) => {
  it('given a pipeline, when versions are saved, then they are numbered 1, 2 and keep their graph and hash', async () => {
    const pipeline = await db().pipelines.create({ name: 'Surface' });
    expect(pipeline.latestVersion).toBe(0);
    const v1 = await db().pipelines.saveVersion({ pipelineId: pipeline.id, graph: graph('a'), author: 'ana', message: 'first' });
    const v2 = await db().pipelines.saveVersion({ pipelineId: pipeline.id, graph: graph('b'), author: 'bo', message: 'second' });
    expect([v1.number, v2.number]).toEqual([1, 2]);
    expect(v1.graph).toEqual(graph('a'));
    expect(v1.graphHash).toBe(hashJson(graph('a')));
    expect(await db().pipelines.getVersion(v1.id)).toEqual(v1);
    expect(await db().pipelines.getVersionByNumber(pipeline.id, 2)).toEqual(v2);
    expect((await db().pipelines.listVersions(pipeline.id)).map((v) => [v.number, v.author, v.message])).toEqual([
      [1, 'ana', 'first'],
      [2, 'bo', 'second'],
    ]);
    expect((await db().pipelines.get(pipeline.id))?.latestVersion).toBe(2);
    expect((await db().pipelines.list()).find((p) => p.id === pipeline.id)?.latestVersion).toBe(2);
  });

  it('given two saves at the same moment, when both finish, then both versions are kept with distinct numbers', async () => {
    const pipeline = await db().pipelines.create({ name: 'Racy' });
    const saves = await Promise.all(
      ['x', 'y', 'z', 'w'].map((label) => db().pipelines.saveVersion({ pipelineId: pipeline.id, graph: graph(label), author: label, message: label })),
    );
    expect(saves.map((v) => v.number).sort()).toEqual([1, 2, 3, 4]);
    const stored = await db().pipelines.listVersions(pipeline.id);
    expect(stored.map((v) => v.author).sort()).toEqual(['w', 'x', 'y', 'z']);
  });

  it('given an unknown pipeline id, when saving a version, then request.not-found is reported', async () => {
    await expect(db().pipelines.saveVersion({ pipelineId: 'missing', graph: graph('a'), author: 'a', message: 'm' })).rejects.toMatchObject({
      problems: [{ code: 'request.not-found' }],
    });
  });
});
