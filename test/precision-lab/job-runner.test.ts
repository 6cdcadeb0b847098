import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '@/lib/db/client';
import { createJobRunner, type JobRunner } from '@/lib/precision-lab/job-runner';
import { readLabReport } from '@/lib/precision-lab/eval-report-file';
import { findLabModel } from '@/lib/precision-lab/list-models';
import { searchLayers } from '@/lib/precision-lab/search-layers';
import { createTestDatabaseUrl, type TestDatabaseUrl } from '../db/test-databases';
import { createLabFixture, type LabFixture } from './lab-fixture';

describe('precision lab job runner (real `loupe` child processes)', () => {
  let lab: LabFixture;
  let target: TestDatabaseUrl;
  let db: Database;
  let runner: JobRunner;
  beforeAll(async () => {
    lab = await createLabFixture();
    target = await createTestDatabaseUrl('sqlite');
    db = await openDatabase(target.url);
    runner = createJobRunner({ db, paths: lab.paths, reportEveryMs: 0 });
    await runner.start();
  });
  afterAll(async () => {
    await db?.close();
    await target?.cleanup();
    lab?.cleanup();
  });

  it('given an FP16 job for a committed model, when run, then it reaches done with the variant in the data folder, never in models/', async () => {
    const job = await runner.submit({ kind: 'fp16', model: lab.net, keepIoTypes: true });
    expect(job.status).toBe('queued');
    await runner.idle();
    const done = await db.precisionJobs.get(job.id);
    expect(done).toMatchObject({ status: 'done', progress: { phase: 'write', done: 2, total: 2 }, result: { ok: true } });
    expect(done!.logTail).toContain('$ loupe precision fp16 --in');
    const out = join(lab.paths.dataDir, 'models', 'variants', 'nets', 'net.fp16.onnx');
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(join(lab.root, 'models', 'nets'))).toEqual(['net.onnx']);
    expect(findLabModel(lab.paths, lab.net)?.variants.map((v) => v.precision)).toEqual(['fp16']);
  }, 120_000);

  it('given an INT8 job with a calibration folder, when run, then calibration progress is recorded and the INT8 variant is written', async () => {
    const job = await runner.submit({ kind: 'int8', model: lab.net, calib: lab.images, input: { width: 16, height: 16, channels: 'rgb' }, method: 'minmax', perChannel: true });
    await runner.idle();
    const done = await db.precisionJobs.get(job.id);
    expect(done).toMatchObject({ status: 'done', progress: { phase: 'calibrate', done: 3, total: 3 }, result: { ok: true } });
    expect(findLabModel(lab.paths, lab.net)?.variants.map((v) => v.precision)).toEqual(['fp16', 'int8']);
  }, 120_000);

  it('given an FP16 job and an eval job queued together, when run by the real commands, then the eval measures FP32 and FP16 and the report is saved in the data folder', async () => {
    const input = { width: 16, height: 16, channels: 'rgb' as const };
    await runner.submit({ kind: 'fp16', model: lab.classifier, keepIoTypes: true });
    const job = await runner.submit({ kind: 'eval', model: lab.classifier, val: lab.images, input });
    await runner.idle();
    const done = await db.precisionJobs.get(job.id);
    expect(done, done?.logTail).toMatchObject({ status: 'done', result: { ok: true, savedTo: join(lab.paths.dataDir, 'models', 'variants', 'classifier.eval.json') } });
    expect(done!.progress?.phase).toMatch(/classifier\.fp16\.onnx/);
    const report = readLabReport(lab.paths, findLabModel(lab.paths, lab.classifier)!);
    expect(report).toMatchObject({ task: 'classification', items: 3 });
    expect(report!.variants.map((v) => [v.precision, v.path, v.quality.accuracy])).toEqual([
      ['fp32', lab.classifier, 1],
      ['fp16', join(lab.paths.dataDir, 'models', 'variants', 'classifier.fp16.onnx'), 1],
    ]);
    expect(existsSync(join(lab.root, 'models', 'classifier.eval.json'))).toBe(false);
  }, 240_000);

  it('given a search job with a loose budget, when run by the real command, then it reaches done and the per-layer view has a row per decided node', async () => {
    const input = { width: 16, height: 16, channels: 'rgb' as const };
    const job = await runner.submit({ kind: 'search', model: lab.classifier, calib: lab.images, val: lab.images, input, budget: 100 });
    await runner.idle();
    const done = await db.precisionJobs.get(job.id);
    expect(done, done?.logTail).toMatchObject({ status: 'done', result: { ok: true } });
    const rows = searchLayers(done!.result);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ node: expect.any(String), precision: expect.stringMatching(/^(int8|fp16|fp32)$/), reason: expect.any(String) });
  }, 240_000);

  it('given a model that overflows float16, when its FP16 job runs, then it reaches failed with the command\'s problem and writes nothing', async () => {
    const job = await runner.submit({ kind: 'fp16', model: lab.overflow, keepIoTypes: false });
    await runner.idle();
    const failed = await db.precisionJobs.get(job.id);
    expect(failed).toMatchObject({ status: 'failed', result: { ok: false, problems: [{ code: 'precision.non-finite' }] } });
    expect(failed!.finishedAt).toBeInstanceOf(Date);
    expect(existsSync(join(lab.paths.dataDir, 'models', 'variants', 'overflow.fp16.onnx'))).toBe(false);
  }, 120_000);

  it('given bad requests, when submitted, then each is refused with a specific request.invalid problem and nothing is queued', async () => {
    const before = (await db.precisionJobs.list()).length;
    const spec = { width: 16, height: 16, channels: 'rgb' as const };
    await expect(runner.submit({ kind: 'fp16', model: 'models/nope.onnx', keepIoTypes: true })).rejects.toMatchObject({
      problems: [{ code: 'request.invalid', path: ['model'], message: expect.stringContaining('No model "models/nope.onnx"') }],
    });
    await expect(runner.submit({ kind: 'int8', model: lab.net, calib: join(lab.root, 'missing'), input: spec, method: 'minmax', perChannel: false })).rejects.toMatchObject({
      problems: [{ code: 'request.invalid', path: ['calib'], message: expect.stringContaining('does not exist') }],
    });
    await expect(runner.submit({ kind: 'search', model: lab.net, calib: join(lab.root, 'empty'), val: lab.net, input: spec, budget: 1 })).rejects.toMatchObject({
      problems: [
        { code: 'request.invalid', path: ['calib'], message: expect.stringContaining('has no images') },
        { code: 'request.invalid', path: ['val'], message: expect.stringContaining('is not a folder') },
      ],
    });
    expect(await db.precisionJobs.list()).toHaveLength(before);
  });

  it('given an INT8 job running and an FP16 job queued behind it, when both are cancelled, then the command stops, the queued job never starts and the earlier INT8 variant is untouched', async () => {
    const variant = join(lab.paths.dataDir, 'models', 'variants', 'nets', 'net.int8.onnx');
    const before = readFileSync(variant);
    const input = { width: 16, height: 16, channels: 'rgb' as const };
    const running = await runner.submit({ kind: 'int8', model: lab.net, calib: lab.images, input, method: 'entropy', perChannel: false });
    const queued = await runner.submit({ kind: 'fp16', model: lab.net, keepIoTypes: true });
    while ((await db.precisionJobs.get(running.id))?.status !== 'running') await new Promise((r) => setTimeout(r, 10));

    expect(await runner.cancel(queued.id)).toMatchObject({ status: 'cancelled', startedAt: null, result: { ok: false, cancelled: true } });
    const stopped = await runner.cancel(running.id);
    expect(stopped).toMatchObject({ status: 'cancelled', result: { ok: false, cancelled: true } });
    expect(stopped.startedAt).toBeInstanceOf(Date);
    // The command was stopped, not left to finish: it ended by the signal.
    expect(stopped.result?.ended).toBe('SIGTERM');
    expect(stopped.logTail).toMatch(/\$ loupe precision int8[\s\S]*\(cancelled\)$/);
    await runner.idle();

    expect(readFileSync(variant).equals(before)).toBe(true);
    const jobFolder = join(lab.paths.dataDir, 'precision-jobs', running.id);
    expect(readdirSync(jobFolder)).toEqual(['input-spec.json']);
    // No process is left running the cancelled command (its arguments name the job's folder).
    const left = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && (() => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(jobFolder);
      } catch {
        return false;
      }
    })());
    expect(left).toEqual([]);
    expect((await db.precisionJobs.get(queued.id))?.status).toBe('cancelled');
    await expect(runner.cancel(running.id)).rejects.toMatchObject({ problems: [{ code: 'request.conflict', message: expect.stringContaining('already ended (cancelled)') }] });
  }, 120_000);

  it('given a job left running by a server that stopped, when a new runner starts, then the job is interrupted', async () => {
    const job = await db.precisionJobs.create({ modelPath: 'models/x.onnx', kind: 'fp16', args: {} });
    await db.precisionJobs.claimNext();
    const next = createJobRunner({ db, paths: lab.paths });
    expect(await next.start()).toBe(1);
    expect(await db.precisionJobs.get(job.id)).toMatchObject({ status: 'interrupted' });
  });
});
