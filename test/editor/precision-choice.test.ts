import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { listModelOptions } from '@/app/pipelines/model-options';
import { PrecisionChoice } from '@/components/editor/precision-choice';
import { labPaths, type LabPaths } from '@/lib/precision-lab/lab-paths';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { writeModel } from '@/lib/precision/onnx';
import type { EvalReport } from '@/lib/precision/evaluate/report-schema';

const variant = (precision: 'fp32' | 'int8', path: string, bytes: number, accuracy: number, batch1: number) => ({
  path,
  precision,
  sha256: 'a'.repeat(64),
  bytes,
  quality: { accuracy },
  agreement: precision === 'fp32' ? 1 : 0.985,
  latencyMs: { p50: precision === 'fp32' ? 2.5 : 1.1, p99: 4 },
  throughput: { batch1, batchN: batch1 * 3, batchSize: 8 },
  peakMemoryMb: 40,
  warnings: [],
});

/** A models/ folder with a real (tiny) ONNX model, its INT8 file and, optionally, a report. */
function modelsFolder(report?: unknown): LabPaths {
  const base = mkdtempSync(join(tmpdir(), 'loupe-variants-'));
  const root = join(base, 'models');
  mkdirSync(join(root, 'steel'), { recursive: true });
  writeFileSync(join(root, 'steel', 'cls.onnx'), tinyModel(256));
  // Stands in for the INT8 file by being smaller: the catalog reads sizes, not weights.
  writeFileSync(join(root, 'steel', 'cls.int8.onnx'), tinyModel(64));
  if (report !== undefined) writeFileSync(join(root, 'steel', 'cls.eval.json'), typeof report === 'string' ? report : JSON.stringify(report));
  return labPaths({ cwd: base, modelsRoot: root, dataDir: join(base, 'data') });
}

/** y = x + w, with w of `n` weights: a real ONNX file whose size grows with n. */
function tinyModel(n: number): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'tiny' });
  const x = b.input('x', ['batch', n]);
  b.op('Add', [x, b.initializer('w', [n], Array.from({ length: n }, (_, i) => i / n))], {}, 'y');
  b.output('y', ['batch', n]);
  return writeModel(b.build());
}

const report: EvalReport = {
  version: 1,
  task: 'classification',
  dataset: 'NEU-DET test split',
  items: 360,
  target: 'cpu',
  createdAt: '2026-11-28T10:00:00.000Z',
  variants: [variant('fp32', 'cls.onnx', 4_200_000, 0.972, 310), variant('int8', 'cls.int8.onnx', 1_100_000, 0.966, 820)],
};

describe('precision variants in the model catalog and the inspector', () => {
  it('given a model with an INT8 file and an evaluation report, when listed, then the variant files and the report come with the model and the INT8 file is not a model of its own', () => {
    const options = listModelOptions(modelsFolder(report));
    expect(options.map((o) => o.path)).toEqual(['models/steel/cls.onnx']);
    expect(options[0].files?.map((f) => [f.precision, f.path])).toEqual([
      ['fp32', 'models/steel/cls.onnx'],
      ['int8', 'models/steel/cls.int8.onnx'],
    ]);
    expect(options[0].files?.[1].bytes).toBeLessThan(options[0].files![0].bytes);
    expect(options[0].report?.variants.map((v) => v.quality.accuracy)).toEqual([0.972, 0.966]);
  });

  it('given that catalog entry, when the precision choice renders with INT8 chosen, then accuracy, throughput and size sit beside each choice', () => {
    const html = renderToStaticMarkup(createElement(PrecisionChoice, { model: listModelOptions(modelsFolder(report))[0], value: 'int8' }));
    expect(html).toMatch(/<tr class="chosen" data-precision="int8">.*checked.*B<\/td>.*agrees with FP32 on 98\.5%.*96\.6%.*1\.10.*820 \/ 2460/);
    expect(html).toMatch(/data-precision="fp32">.*97\.2%.*310 \/ 930/);
    expect(html).toMatch(/data-precision="fp16">.*no file/);
    expect(html).toContain('auto → INT8');
    expect(html).toContain('NEU-DET test split (360 items');
  });

  it('given variant files but no report, when rendered, then the files and sizes show and it says how to measure them', () => {
    const model = listModelOptions(modelsFolder())[0];
    expect(model.report).toBeUndefined();
    const html = renderToStaticMarkup(createElement(PrecisionChoice, { model, value: 'fp32' }));
    expect(html).toMatch(/data-precision="int8">.*B<\/td>/);
    expect(html).toContain('loupe precision eval --save');
  });

  it('given a report that breaks the schema, when listed, then the reason is given in words and the files still show', () => {
    const [model] = listModelOptions(modelsFolder({ ...report, version: 2 }));
    expect(model.report).toBeUndefined();
    expect(model.reportProblem).toMatch(/cls\.eval\.json is not an evaluation report \(version:/);
    expect(model.files).toHaveLength(2);
    expect(listModelOptions(modelsFolder('{oops'))[0]).toBeDefined();
  });

  it('given a model uploaded in the Precision Lab, when the editor lists models, then it is offered by the path a graph names it, beside the committed one', () => {
    const paths = modelsFolder(report);
    mkdirSync(join(paths.dataDir, 'models'), { recursive: true });
    writeFileSync(join(paths.dataDir, 'models', 'uploaded.onnx'), tinyModel(32));
    writeFileSync(join(paths.dataDir, 'models', 'uploaded.fp16.onnx'), tinyModel(16));
    const options = listModelOptions(paths);
    expect(options.map((o) => o.path)).toEqual(['data/models/uploaded.onnx', 'models/steel/cls.onnx']);
    expect(options[0].files?.map((f) => [f.precision, f.path])).toEqual([
      ['fp32', 'data/models/uploaded.onnx'],
      ['fp16', 'data/models/uploaded.fp16.onnx'],
    ]);
  });
});
