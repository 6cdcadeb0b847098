import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { precisionFp16Command } from '@/workers/commands/precision-fp16';
import { convNet, overflowModel } from './fp16-models';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const cmd = precisionFp16Command({ out: (t) => out.push(t), err: (t) => err.push(t), exit: (c) => (code = c) });
  await cmd.parseAsync(args, { from: 'user' });
  return { out: out.join(''), err: err.join(''), code };
}

describe('loupe precision fp16', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loupe-fp16-'));

  it('given a model and --json, when run, then it writes the FP16 file and prints one JSON line with the report', async () => {
    const input = path.join(dir, 'net.onnx');
    const output = path.join(dir, 'net.fp16.onnx');
    writeFileSync(input, convNet());
    const r = await cli(['--in', input, '--out', output, '--keep-io-types', '--block-ops', 'Resize,TopK', '--json']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]);
    expect(json).toMatchObject({ ok: true, out: output, report: { keepIoTypes: true, check: { synthetic: true } } });
    expect(readFileSync(output).length).toBe(json.report.sizeBytes.after);
  });

  it('given a model that overflows on the synthetic sample, when run, then nothing is written and the node is named', async () => {
    const input = path.join(dir, 'overflow.onnx');
    const output = path.join(dir, 'overflow.fp16.onnx');
    writeFileSync(input, overflowModel());
    const r = await cli(['--in', input, '--out', output]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/precision\.non-finite: .*"Mul_2"/);
    expect(existsSync(output)).toBe(false);
  });

  it('given a missing file or a non-ONNX file, when run, then a clear problem is printed', async () => {
    const missing = await cli(['--in', path.join(dir, 'nope.onnx'), '--out', path.join(dir, 'x.onnx'), '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out).problems[0].code).toBe('model.missing-file');
    const text = path.join(dir, 'notes.onnx');
    writeFileSync(text, 'not a model');
    const bad = await cli(['--in', text, '--out', path.join(dir, 'x.onnx'), '--json']);
    expect(JSON.parse(bad.out).problems[0].code).toBe('model.not-onnx');
  });
});
