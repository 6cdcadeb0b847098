import { expect, it } from 'vitest';
import { linesResponseSchema } from '@/lib/api/schemas';
import { listLineSummaries } from '@/lib/lines/list-line-summaries';
import { lineDeployment } from '@/lib/lines/line-deployment';
import { WORKER_ONLINE_MS } from '@/lib/lines/line-summary';
import { describeEachDatabase } from '../db/test-databases';
import { deployedLine, result } from '../db/fixtures';

describeEachDatabase('line summaries for the home page', (db) => {
  it('given a deployed line with results and a worker, when summarised, then counts, deployment and worker come back as JSON-ready data', async () => {
    const { line, pipeline, version, deployment } = await deployedLine(db(), 'Summary line');
    const now = new Date(Date.UTC(2026, 0, 1, 12, 0, 30));
    await db().results.write({
      lineId: line.id, versionId: version.id, deploymentId: deployment.id,
      results: [result('s', 0), result('s', 1, { verdict: 'fail', reasons: ['scratch'] }), result('s', 2, { verdict: 'error' })],
    });
    await db().workers.heartbeat({ workerId: 'w-fresh', lineId: line.id, status: { state: 'running', fps: 2 }, at: new Date(now.getTime() - 1000) });
    await db().workers.heartbeat({ workerId: 'w-quiet', lineId: line.id, status: { state: 'running' }, at: new Date(now.getTime() - WORKER_ONLINE_MS - 1) });

    const { lines, now: stamp } = await listLineSummaries(db(), now);
    const summary = lines.find((l) => l.id === line.id)!;

    expect(stamp).toBe(now.toISOString());
    expect(summary.deployment).toEqual({ deploymentId: deployment.id, versionId: version.id, pipelineId: pipeline.id, pipelineName: pipeline.name, versionNumber: 1 });
    expect(summary.stats).toMatchObject({ inspected: 3, passed: 1, failed: 1, errors: 1 });
    expect(summary.stats.lastResultAt).toBe(new Date(result('s', 2).inspectedAt).toISOString());
    expect(summary.workers.map((w) => [w.id, w.online])).toEqual([['w-fresh', true], ['w-quiet', false]]);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(linesResponseSchema.safeParse(JSON.parse(JSON.stringify({ lines: [summary], now: stamp }))).success).toBe(true);
  });

  it('given a line with nothing deployed, when summarised and when its deployment is asked for, then it shows empty and the ask is not-found', async () => {
    const line = await db().lines.create({ name: 'Idle line', taktMs: 1000 });
    const summary = (await listLineSummaries(db())).lines.find((l) => l.id === line.id)!;
    expect(summary).toMatchObject({ deployment: null, workers: [], stats: { inspected: 0, latencyP50Ms: null, lastResultAt: null } });
    await expect(lineDeployment(db(), line.id)).rejects.toMatchObject({ problems: [{ code: 'request.not-found' }] });
  });

  it('given a deployed line, when a worker asks by id or by name, then it gets the deployed graph', async () => {
    const { line, version, deployment } = await deployedLine(db(), 'Named line');
    for (const key of [line.id, line.name]) {
      expect(await lineDeployment(db(), key)).toMatchObject({ lineId: line.id, deploymentId: deployment.id, versionId: version.id, graph: { version: 1, nodes: [] } });
    }
    await expect(lineDeployment(db(), 'no such line')).rejects.toMatchObject({ problems: [{ code: 'request.not-found' }] });
  });
});
