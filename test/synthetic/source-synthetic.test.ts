import { describe, expect, it } from 'vitest';
import { sourceSynthetic } from '@/lib/pipeline/nodes/source-synthetic';
import type { CompileContext, CompileOutput, RunnerContext } from '@/lib/pipeline/node-kind';
import type { RuntimeServices } from '@/lib/pipeline/runtime/services';
import type { Frame } from '@/lib/pipeline/values';

// Imported directly rather than through the registry, so this test does not depend on every other kind.
const kind = sourceSynthetic;

function compile(params: Record<string, unknown>): CompileOutput {
  const parsed = kind.params.parse(params);
  const ctx = { nodeId: 'cam', frameShape: {}, connectedInputs: [], preprocess: [], models: {}, resolveModel: () => { throw new Error('no models'); } } as CompileContext;
  const out = kind.compile(parsed, ctx);
  if (Array.isArray(out)) throw new Error(JSON.stringify(out));
  return out;
}

// Only now() is used by a synthetic source; the rest of the services are not reached.
const services = { now: () => 1234 } as unknown as RuntimeServices;
const runner: RunnerContext = { stageId: 'cam', services, maxBatch: 1 };

describe('source.synthetic node kind', () => {
  it('given the kind, when its ports are read, then it is source.synthetic with an optional trigger and a Frame output', () => {
    expect(kind.kind).toBe('source.synthetic');
    expect(kind.category).toBe('source');
    expect(kind.inputs.trigger).toEqual(expect.objectContaining({ type: 'Trigger', optional: true }));
    expect(kind.outputs.frame.type).toBe('Frame');
  });

  it('given rgb params, when compiled, then the frame shape says 3 channels and the config is serialisable', () => {
    const out = compile({ surface: 'textile', channels: 'rgb', width: 128, height: 96, seed: 5 });
    expect(out.frameShape).toEqual({ width: 128, height: 96, channels: 3 });
    expect(JSON.parse(JSON.stringify(out.config))).toEqual(out.config);
  });

  it('given count 3, when the source is drained, then it yields 3 parts with origins and truth, then null', async () => {
    const { config } = compile({ surface: 'mixed', seed: 77, count: 3, defectRate: 1 });
    const source = kind.createSource!(config, runner);
    const signal = new AbortController().signal;
    const items = [];
    for (let item = await source.next(signal); item; item = await source.next(signal)) items.push(item);
    expect(items.map((i) => i.info.origin)).toEqual(['synthetic:77:0', 'synthetic:77:1', 'synthetic:77:2']);
    expect(items.map((i) => i.info.seq)).toEqual([0, 1, 2]);
    expect(new Set(items.map((i) => i.info.id)).size).toBe(3);
    for (const item of items) {
      const frame = item.values.frame as Frame;
      expect(frame.width * frame.height * frame.channels).toBe(frame.data.length);
      expect(item.info.capturedAt).toBe(1234);
      expect(item.info.truth?.defective).toBe(true);
    }
  });

  it('given an aborted signal, when next is called, then the source ends', async () => {
    const source = kind.createSource!(compile({}).config, runner);
    const ctrl = new AbortController();
    ctrl.abort();
    expect(await source.next(ctrl.signal)).toBeNull();
  });

  it('given bad params, when validated, then the problem paths name the fields', () => {
    const bad = kind.params.safeParse({ width: 0, channels: 'cmyk', defectKinds: ['rust'] });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['width', 'channels', 'defectKinds']));
  });
});
