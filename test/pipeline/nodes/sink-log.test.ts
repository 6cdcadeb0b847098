import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '@/lib/pipeline/compile';
import { sinkLog } from '@/lib/pipeline/nodes/sink-log';
import { problem } from '@/lib/pipeline/problems';
import { runPlan } from '@/lib/pipeline/runtime/run-plan';
import type { FrameInfo, Verdict } from '@/lib/pipeline/values';
import { pngHeaderOnly } from '../../images/png-bytes';
import { nodeTestServices, runnerContext } from './node-test-services';

async function logStage(connected: string[], now: () => number) {
  const services = nodeTestServices({ now });
  const out = sinkLog.compile(sinkLog.params.parse({}), { connectedInputs: connected } as never);
  if (Array.isArray(out)) throw new Error('compile failed');
  return { services, runner: await sinkLog.createStage!(out.config, runnerContext(services, 'log'), {}) };
}

const info = (seq: number, extra: Partial<FrameInfo> = {}): FrameInfo => ({ id: `f${seq}`, seq, origin: `part-${seq}.png`, capturedAt: 1000, ...extra });

describe('sink.log', () => {
  it('given passed, failed and errored frames, when logged, then one record each with verdict, reasons, defects, latency and truth', async () => {
    const { services, runner } = await logStage(['verdict'], () => 1250);
    const fail: Verdict = { pass: false, reasons: ['anomaly score 0.83 > 0.50'], defects: [{ kind: 'anomaly', score: 0.83 }] };
    const broken = problem('frame.decode', 'part-2.png: truncated');
    const truth = { defective: true, defects: [{ kind: 'scratch', box: [1, 2, 3, 4] as [number, number, number, number] }] };
    const outcomes = await runner.run(
      [{ verdict: { pass: true, reasons: [], defects: [] } }, { verdict: fail }, {}],
      [info(0), info(1, { truth }), info(2, { error: broken })],
    );
    expect(outcomes).toEqual([{}, {}, {}]);
    expect(services.records).toEqual([
      { frameId: 'f0', seq: 0, origin: 'part-0.png', inspectedAt: 1250, latencyMs: 250, verdict: 'pass', defects: [], reasons: [] },
      { frameId: 'f1', seq: 1, origin: 'part-1.png', inspectedAt: 1250, latencyMs: 250, verdict: 'fail', defects: fail.defects, reasons: fail.reasons, truth },
      { frameId: 'f2', seq: 2, origin: 'part-2.png', inspectedAt: 1250, latencyMs: 250, verdict: 'error', defects: [], reasons: [], error: broken },
    ]);
  });

  it('given no verdict input, when logged, then frames pass unless they failed upstream', async () => {
    const { services, runner } = await logStage([], () => 1000);
    await runner.run([{}, {}], [info(0), info(1, { error: problem('frame.empty', 'empty') })]);
    expect(services.records.map((r) => r.verdict)).toEqual(['pass', 'error']);
  });

  it('given a connected verdict input that delivered nothing, when logged, then the frame is an error, not a silent pass', async () => {
    const { services, runner } = await logStage(['verdict'], () => 1000);
    await runner.run([{}], [info(0)]);
    expect(services.records[0]).toMatchObject({ verdict: 'error', error: { code: 'internal' } });
  });
});

describe('sink.log in a real run over a folder with bad files', () => {
  it('given good, empty, truncated and enormous images, when the pipeline runs, then every part is logged and the run completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-log-'));
    try {
      const good = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#777' } }).png().toBuffer();
      writeFileSync(join(dir, 'a-good.png'), good);
      writeFileSync(join(dir, 'b-empty.png'), Buffer.alloc(0));
      writeFileSync(join(dir, 'c-cut.png'), good.subarray(0, good.length >> 1));
      writeFileSync(join(dir, 'd-huge.png'), pngHeaderOnly(30000, 30000));
      writeFileSync(join(dir, 'e-good.png'), good);
      const graph = {
        version: 1,
        nodes: [
          { id: 'tick', kind: 'trigger.interval', params: { rateHz: 1000 } },
          { id: 'cam', kind: 'source.folder', params: { path: dir } },
          { id: 'log', kind: 'sink.log', params: {} },
        ],
        edges: [
          { id: 'e1', from: { node: 'tick', port: 'trigger' }, to: { node: 'cam', port: 'trigger' } },
        ],
      };
      const compiled = compileGraph(graph, { models: {} });
      expect(compiled.problems).toEqual([]);
      const services = nodeTestServices();
      const summary = await runPlan(compiled.plan!, services).done;
      expect(summary).toMatchObject({ frames: 5, passed: 2, errors: 3, errorsByCode: { 'frame.empty': 1, 'frame.decode': 1, 'frame.too-large': 1 } });
      expect(services.records.map((r) => [r.origin.slice(dir.length + 1), r.verdict, r.error?.code])).toEqual([
        ['a-good.png', 'pass', undefined],
        ['b-empty.png', 'error', 'frame.empty'],
        ['c-cut.png', 'error', 'frame.decode'],
        ['d-huge.png', 'error', 'frame.too-large'],
        ['e-good.png', 'pass', undefined],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
