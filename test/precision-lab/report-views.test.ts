import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LayerErrors } from '@/components/precision-lab/layer-errors';
import { VariantsReport } from '@/components/precision-lab/variants-report';
import { EvalReport } from '@/lib/precision/evaluate/report-schema';

const variant = (precision: 'fp32' | 'fp16' | 'int8', bytes: number, missedPer1000: number, batch1: number) => ({
  path: `m.${precision}.onnx`,
  precision,
  sha256: 'b'.repeat(64),
  bytes,
  quality: { missedPer1000, falseRejectsPer1000: 5, auroc: 0.97, perClassRecall: { good: 0.995, scratch: 1 - missedPer1000 / 1000 } },
  agreement: precision === 'fp32' ? 1 : 0.99,
  latencyMs: { p50: 2, p99: 5 },
  throughput: { batch1, batchN: batch1 * 2, batchSize: 8 },
  peakMemoryMb: 30,
  warnings: precision === 'fp16' ? ['FP16 on this CPU computes in FP32'] : [],
});

const report = EvalReport.parse({
  version: 1, task: 'anomaly', dataset: 'val', items: 400, target: 'cpu-vnni', createdAt: '2026-11-29T00:00:00.000Z',
  variants: [variant('fp32', 4000, 2, 100), variant('fp16', 2000, 2, 90), variant('int8', 1000, 4, 300)],
});

describe('precision lab report views', () => {
  it('given an anomaly report, when rendered, then the plot has one labelled point per variant with radius proportional to size, and the tables show escapes', () => {
    const html = renderToStaticMarkup(createElement(VariantsReport, { report }));
    const radii = [...html.matchAll(/<circle class="point (\w+)"[^>]* r="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(radii).toEqual([['fp32', 26], ['fp16', 13], ['int8', 6.5]]);
    expect(html).toContain('missed defects per 1,000 (lower is better)');
    expect(html).toContain('int8 · 1000 B');
    expect(html).toMatch(/<tr data-variant="int8">.*<td class="num">4\.0<\/td>/);
    expect(html).toContain('FP16 on this CPU computes in FP32');
    expect(html).toMatch(/<td>scratch<\/td><td class="num">99\.8 %<\/td><td class="num">99\.8 %<\/td><td class="num">99\.6 %<\/td>/);
  });

  it('given search rows for some nodes, when rendered, then every node is listed in order with bars relative to the most sensitive', () => {
    const nodes = [
      { name: 'conv1', opType: 'Conv', layer: { node: 'conv1', precision: 'int8', sensitivity: 0.01 } },
      { name: 'relu1', opType: 'Relu', layer: null },
      { name: 'fc', opType: 'Gemm', layer: { node: 'fc', precision: 'fp32', sensitivity: 0.04, reason: 'over budget' } },
    ];
    const html = renderToStaticMarkup(createElement(LayerErrors, { nodes, searchedAt: new Date(0) }));
    expect([...html.matchAll(/data-node="([^"]+)"/g)].map((m) => m[1])).toEqual(['conv1', 'relu1', 'fc']);
    expect([...html.matchAll(/class="bar (\w+)" style="width:([\d.]+)%"/g)].map((m) => [m[1], Number(m[2])])).toEqual([['int8', 20], ['fp32', 80]]);
    expect(renderToStaticMarkup(createElement(VariantsReport, { report: null }))).toContain('No evaluation yet');
  });
});
