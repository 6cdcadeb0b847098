import { expect, it } from 'vitest';
import { describeEachDatabase } from './test-databases';

describeEachDatabase('precision jobs repository', (db) => {
  it('given two queued jobs, when claimed, then the oldest runs first, each once, and none is left', async () => {
    const first = await db().precisionJobs.create({ modelPath: 'models/a.onnx', kind: 'fp16', args: { keepIoTypes: true } });
    await db().precisionJobs.create({ modelPath: 'models/a.onnx', kind: 'int8', args: { method: 'minmax' } });
    expect(first).toMatchObject({ status: 'queued', progress: null, result: null, logTail: '', args: { keepIoTypes: true }, startedAt: null });
    const claimed = await Promise.all([db().precisionJobs.claimNext(), db().precisionJobs.claimNext()]);
    expect(claimed.map((j) => j?.kind).sort()).toEqual(['fp16', 'int8']);
    expect(claimed.every((j) => j?.status === 'running' && j.startedAt instanceof Date)).toBe(true);
    expect(await db().precisionJobs.claimNext()).toBeNull();
  });

  it('given a running job, when it reports and finishes, then progress, log and result are kept and it ends once', async () => {
    const job = await db().precisionJobs.create({ modelPath: 'models/b.onnx', kind: 'eval', args: {} });
    await db().precisionJobs.claimNext();
    await db().precisionJobs.report(job.id, { progress: { phase: 'quality', done: 3, total: 10 }, logTail: 'line 1\n' });
    expect(await db().precisionJobs.get(job.id)).toMatchObject({ status: 'running', progress: { phase: 'quality', done: 3, total: 10 }, logTail: 'line 1\n' });
    expect(await db().precisionJobs.finish(job.id, { status: 'done', result: { ok: true, out: 'x' }, logTail: 'line 1\nline 2\n' })).toBe(true);
    expect(await db().precisionJobs.finish(job.id, { status: 'failed', result: {}, logTail: '' })).toBe(false);
    const done = await db().precisionJobs.get(job.id);
    expect(done).toMatchObject({ status: 'done', result: { ok: true, out: 'x' }, logTail: 'line 1\nline 2\n' });
    expect(done?.finishedAt).toBeInstanceOf(Date);
  });

  it('given jobs running when a server stopped, when the next server starts, then they are interrupted and cannot finish', async () => {
    const job = await db().precisionJobs.create({ modelPath: 'models/c.onnx', kind: 'search', args: {} });
    await db().precisionJobs.claimNext();
    // The first test's two jobs are still running too.
    expect(await db().precisionJobs.interruptRunning()).toBe(3);
    expect(await db().precisionJobs.finish(job.id, { status: 'done', result: {}, logTail: '' })).toBe(false);
    await db().precisionJobs.report(job.id, { progress: { phase: 'late', done: 1, total: 1 } });
    expect(await db().precisionJobs.get(job.id)).toMatchObject({ status: 'interrupted', progress: null });
  });

  it('given jobs of several models, when listed for one, then only its jobs come back, newest first', async () => {
    const older = await db().precisionJobs.create({ modelPath: 'models/d.onnx', kind: 'fp16', args: {} });
    const newer = await db().precisionJobs.create({ modelPath: 'models/d.onnx', kind: 'int8', args: {} });
    await db().precisionJobs.create({ modelPath: 'models/e.onnx', kind: 'fp16', args: {} });
    expect((await db().precisionJobs.list({ modelPath: 'models/d.onnx' })).map((j) => j.id)).toEqual([newer.id, older.id]);
    expect(await db().precisionJobs.get('missing')).toBeNull();
  });
});
