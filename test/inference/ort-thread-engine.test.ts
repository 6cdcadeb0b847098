import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraphFile } from '@/lib/compile-graph';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import type { Graph } from '@/lib/pipeline/graph';
import { ProblemError } from '@/lib/pipeline/problems';
import { runPlan } from '@/lib/pipeline/runtime/run-plan';
import type { FrameOutcome } from '@/lib/pipeline/runtime/run-types';
import type { InferenceEngine, ModelSession } from '@/lib/pipeline/runtime/services';
import { createNodeServices } from '@/lib/runtime-node/node-services';
import { CountingSink } from '@/lib/worker/counting-sink';

const root = resolve(__dirname, '../..');
const DEMO_MODEL = join(root, 'models/demo/surface-anomaly.onnx');
const threaded = createOrtEngine({ offThread: true, intraOpThreads: 1 });
const inThread = createOrtEngine({ intraOpThreads: 1 });
const opened: ModelSession[] = [];
afterAll(async () => {
  for (const s of opened) await s.release();
});

async function load(engine: InferenceEngine): Promise<ModelSession> {
  const session = await engine.load(DEMO_MODEL);
  opened.push(session);
  return session;
}

/** Two 256×256 gray images with a bright square on the second: different scores per item. */
function batchOfTwo(): Float32Array {
  const data = new Float32Array(2 * 256 * 256);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 2654435761) % 1000) / 4000 + 0.3;
  for (let y = 100; y < 140; y++) for (let x = 100; x < 140; x++) data[256 * 256 + y * 256 + x] = 1;
  return data;
}

describe('ORT engine with sessions off the JS thread', () => {
  it('given the demo model, when a batch runs off-thread and in-thread, then the outputs are the same and the session says it is off-thread', async () => {
    const [off, on] = [await load(threaded), await load(inThread)];
    const feeds = { image: { dims: [2, 1, 256, 256], data: batchOfTwo() } };
    const [a, b] = [await off.run(feeds), await on.run(feeds)];
    expect(off.offThread).toBe(true);
    expect(on.offThread).toBeFalsy();
    expect(off.inputNames).toEqual(on.inputNames);
    expect(off.outputNames).toEqual(on.outputNames);
    for (const name of on.outputNames) {
      expect(a.get(name)!.dims).toEqual(b.get(name)!.dims);
      expect(Array.from(a.get(name)!.data)).toEqual(Array.from(b.get(name)!.data));
    }
    expect(a.get('score')!.data[0]).not.toBe(a.get('score')!.data[1]);
  });

  it('given runs sent without waiting, when they finish, then each gets its own batch\'s outputs', async () => {
    const session = await load(threaded);
    const data = batchOfTwo();
    const single = (i: number) => ({ image: { dims: [1, 1, 256, 256], data: data.slice(i * 65536, (i + 1) * 65536) } });
    const together = await Promise.all([0, 1, 0, 1].map((i) => session.run(single(i))));
    const alone = [await session.run(single(0)), await session.run(single(1))];
    expect(together.map((o) => o.get('score')!.data[0])).toEqual([0, 1, 0, 1].map((i) => alone[i].get('score')!.data[0]));
  });

  it('given feeds without the transfer hint, when run, then the caller\'s array is left intact', async () => {
    const session = await load(threaded);
    const data = batchOfTwo();
    await session.run({ image: { dims: [2, 1, 256, 256], data } });
    expect(data.length).toBe(2 * 256 * 256);
    expect(data[256 * 256 + 120 * 256 + 120]).toBe(1);
  });

  it('given a transferred input, when its run is done, then inputArray hands that buffer back for the next batch, and the outputs stay right', async () => {
    const session = await load(threaded);
    const sent = batchOfTwo();
    const expected = Array.from(sent);
    const first = await session.run({ image: { dims: [2, 1, 256, 256], data: sent } }, { transferInputs: true });
    expect(sent.length).toBe(0);
    const recycled = session.inputArray!(2 * 256 * 256);
    // The buffer came back as it was sent: it still holds the first batch.
    expect(Array.from(recycled)).toEqual(expected);
    const other = session.inputArray!(256 * 256);
    expect(other.every((v) => v === 0)).toBe(true);
    const again = await session.run({ image: { dims: [2, 1, 256, 256], data: recycled } }, { transferInputs: true });
    expect(Array.from(again.get('score')!.data)).toEqual(Array.from(first.get('score')!.data));
  });

  it('given a feed with the wrong name, when run, then it rejects with ONNX Runtime\'s message and the session keeps working', async () => {
    const session = await load(threaded);
    await expect(session.run({ nope: { dims: [1, 1, 256, 256], data: new Float32Array(65536) } })).rejects.toThrow(/image/);
    const out = await session.run({ image: { dims: [1, 1, 256, 256], data: new Float32Array(65536) } });
    expect(out.get('score')!.dims).toEqual([1, 1]);
  });

  it('given a released session, when released again or run, then release is harmless and run rejects', async () => {
    const session = await threaded.load(DEMO_MODEL);
    await session.release();
    await session.release();
    await expect(session.run({ image: { dims: [1, 1, 256, 256], data: new Float32Array(65536) } })).rejects.toThrow(/thread ended/);
  });

  it('given a run still in flight, when release() is called, then the run finishes first and the release follows', async () => {
    const session = await threaded.load(DEMO_MODEL);
    const running = session.run({ image: { dims: [2, 1, 256, 256], data: batchOfTwo() } });
    const releasing = session.release();
    expect((await running).get('score')!.dims).toEqual([2, 1]);
    await releasing;
  });

  it('given a file that is not ONNX, when loaded off-thread, then it is refused with the same problem as in-thread', async () => {
    const err = await threaded.load(join(root, 'package.json')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).problems[0].code).toBe('model.not-onnx');
  });
});

describe('a compiled pipeline on the off-thread engine (two batches in flight per session)', () => {
  it('given the demo pipeline, when 40 parts run on each engine, then both give the same verdicts and scores in the same order', async () => {
    const demo = JSON.parse(readFileSync(join(root, 'pipelines/demo.json'), 'utf8')) as Graph;
    const keep = (id: string) => id !== 'trigger' && id !== 'pictures';
    const graph = { ...demo, nodes: demo.nodes.filter((n) => keep(n.id)), edges: demo.edges.filter((e) => keep(e.from.node) && keep(e.to.node)) };
    const { plan, problems } = await compileGraphFile(graph, { baseDir: root });
    expect(problems ?? []).toEqual([]);
    const runOn = async (engine: InferenceEngine, streams = 1) => {
      const services = createNodeServices({ results: new CountingSink(), engine, log: () => undefined });
      const handle = runPlan(plan!, services, { maxFrames: 40, maxBatch: 4, intraOpThreads: streams, streams });
      const outcomes: FrameOutcome[] = [];
      handle.onOutcome((o) => outcomes.push(o));
      const summary = await handle.done;
      return { summary, outcomes: outcomes.map((o) => [o.info.seq, o.verdict, o.detail?.reasons.join(';')]) };
    };
    const [off, on] = [await runOn(threaded), await runOn(inThread)];
    expect(off.summary).toMatchObject({ frames: 40, errors: 0, dropped: 0 });
    expect(off.outcomes.map((o) => o[0])).toEqual([...Array(40).keys()]);
    expect(off.outcomes).toEqual(on.outcomes);
    expect(off.summary.failed).toBe(on.summary.failed);

    // Three sessions side by side: batches finish out of order, but frames leave in order, scored the same.
    const streams = await runOn(createOrtEngine({ offThread: true }), 3);
    expect(streams.summary).toMatchObject({ frames: 40, errors: 0, dropped: 0 });
    expect(streams.outcomes).toEqual(on.outcomes);
  });
});
