/**
 * `loupe precision search` end to end: the built halves model (one sensitive layer) and, when
 * ../shared is present, the real MNIST model on rendered digits sorted into class folders.
 * Tolerance held on MNIST: the written model loses at most the 5-point budget on the held-out
 * digits, re-measured here from the file itself.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import { loadDataset } from '@/lib/precision/evaluate/load-dataset';
import { measureQuality } from '@/lib/precision/evaluate/measure-quality';
import { InputSpec } from '@/lib/precision/input-spec';
import { onnx } from '@/lib/precision/onnx';
import { precisionSearchCommand } from '@/workers/commands/precision-search';
import { digitDataset, tempDir } from './eval-fixtures';
import { renderDigits, SHARED_MODELS } from './int8-fixtures';
import { halvesImages, halvesModel } from './search-fixtures';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  await precisionSearchCommand({ out: (t) => out.push(t), err: (t) => err.push(t), exit: (c) => (code = c) }).parseAsync(args, { from: 'user' });
  return { out: out.join(''), err: err.join(''), code };
}

describe('loupe precision search on the built model', () => {
  let dir: string;
  let common: string[];

  beforeAll(async () => {
    dir = await tempDir('loupe-search-cli-');
    await writeFile(join(dir, 'spec.json'), JSON.stringify({ width: 16, height: 16, channels: 'gray' }));
    await writeFile(join(dir, 'm.onnx'), halvesModel(['conv_b']));
    await writeFile(join(dir, 'all.onnx'), halvesModel(['conv_a', 'conv_b', 'gemm']));
    common = ['--calib', await halvesImages(12, 5, true), '--val', await halvesImages(30, 6), '--input', join(dir, 'spec.json'), '--target', 'cpu', '--samples', '6'];
  }, 60_000);

  it('given a 1-point budget and --json, when run, then one JSON line says per node which precision and why, and the model is written', async () => {
    const out = join(dir, 'm.mixed.onnx');
    const r = await cli(['--in', join(dir, 'm.onnx'), '--out', out, '--budget', '1', '--json', ...common]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const { report } = JSON.parse(lines[0]);
    expect(report.budgetMet).toBe(true);
    expect(report.nodes.map((n: { precision: string }) => n.precision)).toEqual(['int8', 'fp32', 'int8']);
    expect(report.speed.fp32.imagesPerSecond).toBeGreaterThan(0);
    expect(report.speed.mixed.imagesPerSecond).toBeGreaterThan(0);
    expect(report.notes[0]).toMatch(/FP16 skipped: FP16 on CPU computes in FP32/);
    const written = onnx.ModelProto.decode(await readFile(out));
    expect(written.graph!.node!.filter((n) => n.opType === 'QuantizeLinear').length).toBeGreaterThan(0);
    expect((await readFile(out)).byteLength).toBe(report.result.bytes);
  }, 60_000);

  it('given every layer sensitive, when run, then precision.budget-unmet with the best found and no file', async () => {
    const out = join(dir, 'all.mixed.onnx');
    const r = await cli(['--in', join(dir, 'all.onnx'), '--out', out, '--budget', '1', '--json', '--no-speed', ...common]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.problems[0].code).toBe('precision.budget-unmet');
    expect(json.problems[0].message).toMatch(/^no variant meets the budget .*; best found: /);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('given no budget, a bad one or a missing --val folder, when run, then a clear problem and no file', async () => {
    const out = join(dir, 'none.onnx');
    const none = await cli(['--in', join(dir, 'm.onnx'), '--out', out, ...common]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/precision\.bad-budget: give a budget/);
    const bad = await cli(['--in', join(dir, 'm.onnx'), '--out', out, '--budget', 'lots', ...common]);
    expect(bad.err).toMatch(/--budget must be a number from 0 to 100, got "lots"/);
    const val = common.indexOf('--val') + 1;
    const noVal = await cli(['--in', join(dir, 'm.onnx'), '--out', out, '--budget', '1', ...common.map((a, i) => (i === val ? join(dir, 'missing') : a))]);
    expect(noVal.err).toMatch(/precision\.dataset-empty: Dataset folder .*missing does not exist/);
    expect(existsSync(out)).toBe(false);
  });
});

const MNIST = join(SHARED_MODELS, 'mnist-8/mnist-8.onnx');

describe.skipIf(!existsSync(MNIST))(`loupe precision search on MNIST${!existsSync(MNIST) ? ' (skipped: ../shared/models/mnist-8 absent)' : ''}`, () => {
  it('given real MNIST, rendered digits and a 5-point budget, when searched, then the written model keeps to the budget when re-measured', async () => {
    const dir = await tempDir('loupe-search-mnist-');
    const spec = { width: 28, height: 28, channels: 'gray', scale: 1 };
    await writeFile(join(dir, 'spec.json'), JSON.stringify(spec));
    const val = await digitDataset(60, 7);
    const calib = (await renderDigits(20, 8)).folder;
    const out = join(dir, 'mnist.mixed.onnx');
    const r = await cli(['--in', MNIST, '--calib', calib, '--val', val, '--input', join(dir, 'spec.json'), '--budget', '5', '--out', out, '--target', 'cpu', '--samples', '8', '--json']);
    expect(r.code, r.out).toBe(0);
    const { report } = JSON.parse(r.out);
    expect(report.nodes.length).toBeGreaterThanOrEqual(3);
    expect(report.result.check.lostPoints).toBeLessThanOrEqual(5);
    expect(report.result.counts.int8).toBeGreaterThan(0);
    const session = await createOrtEngine({ intraOpThreads: 1 }).load(out);
    const again = await measureQuality(session, await loadDataset(val), InputSpec.parse(spec));
    await session.release();
    expect(100 * (report.reference.quality.accuracy - again.quality.accuracy!)).toBeLessThanOrEqual(5);
    console.log(JSON.stringify({ mnist: { fp32: report.reference.quality.accuracy, mixed: again.quality.accuracy, counts: report.result.counts, speed: report.speed, bytes: [report.reference.bytes, report.result.bytes], nodes: report.nodes.map((n: { id: string; precision: string; sensitivity: { sqnrDb: number } }) => [n.id, n.precision, n.sensitivity.sqnrDb]) } }));
  }, 180_000);
});
