import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliChild } from '@/lib/precision-lab/cli-child';
import { searchLayers } from '@/lib/precision-lab/search-layers';
import { createProgress } from '@/workers/commands/progress';
import { createLabFixture, type LabFixture } from './lab-fixture';

describe('progress protocol', () => {
  let lab: LabFixture;
  beforeAll(async () => (lab = await createLabFixture()));
  afterAll(() => lab.cleanup());

  it('given LOUPE_PROGRESS=jsonl, when a command reports, then one JSON line per report goes to stderr', () => {
    const err: string[] = [];
    const p = createProgress({ err: (t) => err.push(t) }, { json: true, env: { LOUPE_PROGRESS: 'jsonl' } });
    p.report('calibrate', 1, 4);
    p.end();
    expect(p.active).toBe(true);
    expect(err).toEqual(['{"progress":{"phase":"calibrate","done":1,"total":4}}\n']);
  });

  it('given a terminal, when a command reports, then one line is redrawn and ended; piped or --json, nothing is written', () => {
    const err: string[] = [];
    const tty = createProgress({ err: (t) => err.push(t) }, { env: {}, tty: true });
    tty.report('calibrate', 1, 2);
    tty.report('calibrate', 2, 2);
    tty.end();
    expect(err.join('')).toBe('\rcalibrate 1/2\x1b[K\rcalibrate 2/2\x1b[K\n');
    const quiet: string[] = [];
    for (const o of [{ env: {}, tty: false }, { env: {}, tty: true, json: true }]) createProgress({ err: (t) => quiet.push(t) }, o).report('x', 1, 1);
    expect(quiet).toEqual([]);
  });

  it('given a child that reports progress among log lines, when run, then progress is parsed out of the log and the last stdout line is the result', async () => {
    const script = join(lab.root, 'child.mjs');
    writeFileSync(script, [
      'process.stderr.write("starting\\n");',
      'process.stderr.write(JSON.stringify({ progress: { phase: "quality", done: 1, total: 2 } }) + "\\n");',
      'process.stderr.write(JSON.stringify({ progress: { phase: "quality", done: 2, total: 2 } }) + "\\nno newline at the end");',
      'console.log("a table for humans");',
      'console.log(JSON.stringify({ ok: true, out: "x.onnx" }));',
    ].join('\n'));
    const seen: unknown[] = [];
    const run = await runCliChild({ command: [process.execPath, script], argv: [], cwd: lab.root, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([{ phase: 'quality', done: 1, total: 2 }, { phase: 'quality', done: 2, total: 2 }]);
    expect(run).toMatchObject({ code: 0, result: { ok: true, out: 'x.onnx' }, log: 'starting\nno newline at the end' });
  });

  it('given a child without progress and a missing command, when run, then there is no progress (the lab shows running…) and a spawn error is reported', async () => {
    const seen: unknown[] = [];
    const run = await runCliChild({ command: [process.execPath, '-e', 'process.exitCode = 3'], argv: [], cwd: lab.root, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([]);
    expect(run).toMatchObject({ code: 3, result: null });
    const missing = await runCliChild({ command: [join(lab.root, 'no-such-binary')], argv: [], cwd: lab.root });
    expect(missing.spawnError).toMatch(/ENOENT/);
  });
});

describe('search result per-layer rows', () => {
  it('given the JSON line of the search command, when read, then each decided node keeps its op, precision, sensitivity and reason', () => {
    const node = (id: string, precision: string, relativeL2: number, reason: string) => ({
      id, opType: 'Conv', precision, sensitivityRank: 1, sensitivity: { sqnrDb: 10, relativeL2 }, weight: {}, reason,
    });
    const result = { ok: true, out: 'm.mixed.onnx', report: { budgetMet: true, nodes: [node('conv1', 'int8', 0.01, 'within budget'), node('conv2', 'fp32', 0.4, 'over budget alone')] } };
    expect(searchLayers(result)).toEqual([
      { node: 'conv1', opType: 'Conv', precision: 'int8', sensitivity: 0.01, reason: 'within budget' },
      { node: 'conv2', opType: 'Conv', precision: 'fp32', sensitivity: 0.4, reason: 'over budget alone' },
    ]);
  });

  it('given a line that is not a search result, when read, then there are no rows', () => {
    expect(searchLayers({ ok: true, out: 'm.mixed.onnx', warnings: ['a'] })).toEqual([]);
    expect(searchLayers(null)).toEqual([]);
  });
});
