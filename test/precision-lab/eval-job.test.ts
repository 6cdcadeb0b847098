import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '@/lib/db/client';
import { readLabReport } from '@/lib/precision-lab/eval-report-file';
import { createJobRunner } from '@/lib/precision-lab/job-runner';
import { findLabModel } from '@/lib/precision-lab/list-models';
import { createTestDatabaseUrl, type TestDatabaseUrl } from '../db/test-databases';
import { createLabFixture, type LabFixture } from './lab-fixture';

/**
 * The eval command is built elsewhere; a stand-in `loupe` prints what its contract says it prints
 * (an EvalReport, paths relative to the FP32 model's folder), so the lab's side is tested alone.
 */
const STAND_IN = `
const args = process.argv.slice(2);
const models = args.flatMap((a, i) => (a === '--model' ? [args[i + 1]] : []));
const path = require('node:path');
process.stderr.write(JSON.stringify({ progress: { phase: 'quality', done: 3, total: 3 } }) + '\\n');
const variant = (m, i) => ({ path: path.relative(path.dirname(models[0]), m), precision: i === 0 ? 'fp32' : 'fp16', sha256: 'a'.repeat(64), bytes: 1000 - i * 500,
  quality: { accuracy: 0.9 - i * 0.01, perClassRecall: { a: 1, b: 0.8 } }, agreement: 1 - i * 0.02, latencyMs: { p50: 1, p99: 2 },
  throughput: { batch1: 100 + i * 50, batchN: 300, batchSize: 8 }, peakMemoryMb: 12, warnings: [] });
console.log(JSON.stringify({ version: 1, task: 'classification', dataset: 'val', items: 3, target: 'cpu', createdAt: new Date(0).toISOString(), variants: models.map(variant) }));
`;

describe('precision lab eval job', () => {
  let lab: LabFixture;
  let target: TestDatabaseUrl;
  let db: Database;
  beforeAll(async () => {
    lab = await createLabFixture();
    target = await createTestDatabaseUrl('sqlite');
    db = await openDatabase(target.url);
  });
  afterAll(async () => {
    await db?.close();
    await target?.cleanup();
    lab?.cleanup();
  });

  it('given a committed model with an FP16 variant, when an eval job runs, then its report is saved under the data folder with paths that resolve', async () => {
    const script = join(lab.root, 'loupe-stand-in.cjs');
    writeFileSync(script, STAND_IN);
    const fp16 = join(lab.paths.dataDir, 'models', 'variants', 'nets', 'net.fp16.onnx');
    const runner = createJobRunner({ db, paths: lab.paths, command: [process.execPath, script] });
    mkdirSync(join(fp16, '..'), { recursive: true });
    writeFileSync(fp16, readFileSync(lab.net));
    const job = await runner.submit({ kind: 'eval', model: lab.net, val: lab.images, input: { width: 16, height: 16, channels: 'rgb' } });
    await runner.idle();
    const done = await db.precisionJobs.get(job.id);
    expect(done).toMatchObject({ status: 'done', progress: { phase: 'quality', done: 3, total: 3 }, result: { ok: true, savedTo: join(lab.paths.dataDir, 'models', 'variants', 'nets', 'net.eval.json') } });
    expect(done!.logTail).toContain(`--model ${lab.net} --model ${fp16}`);
    expect(existsSync(join(lab.root, 'models', 'nets', 'net.eval.json'))).toBe(false);
    const report = readLabReport(lab.paths, findLabModel(lab.paths, lab.net)!);
    expect(report?.variants.map((v) => [v.precision, v.path])).toEqual([['fp32', lab.net], ['fp16', fp16]]);
  });

  it('given a command whose JSON line is no EvalReport, when the eval job ends, then it fails saying so', async () => {
    const runner = createJobRunner({ db, paths: lab.paths, command: [process.execPath, '-e', 'console.log(JSON.stringify({ ok: true }))'] });
    const job = await runner.submit({ kind: 'eval', model: lab.net, val: lab.images, input: { width: 16, height: 16, channels: 'rgb' } });
    await runner.idle();
    expect(await db.precisionJobs.get(job.id)).toMatchObject({ status: 'failed', result: { problems: [{ message: expect.stringContaining('printed no EvalReport') }] } });
  });
});
