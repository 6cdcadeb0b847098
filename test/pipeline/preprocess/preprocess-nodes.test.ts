/**
 * The four preprocessing node kinds: params with defaults, compile-time shape checks, and the
 * unfused stage a preprocessing node runs when something other than a model reads its frame.
 */
import { describe, expect, it } from 'vitest';
import { compileGraph } from '@/lib/pipeline/compile';
import type { RunnerContext } from '@/lib/pipeline/node-kind';
import { preprocessCrop } from '@/lib/pipeline/nodes/preprocess-crop';
import { preprocessGrayscale } from '@/lib/pipeline/nodes/preprocess-grayscale';
import { preprocessNormalize } from '@/lib/pipeline/nodes/preprocess-normalize';
import { preprocessResize } from '@/lib/pipeline/nodes/preprocess-resize';
import type { RuntimeServices } from '@/lib/pipeline/runtime/services';
import type { Frame } from '@/lib/pipeline/values';

const graph = (pre: { kind: string; params?: object }[], channels: 'gray' | 'rgb' = 'rgb') => ({
  version: 1,
  nodes: [
    { id: 'src', kind: 'source.synthetic', params: { width: 320, height: 240, channels } },
    ...pre.map((p, i) => ({ id: `p${i}`, kind: p.kind, params: p.params ?? {} })),
  ],
  edges: [
    ...pre.map((_, i) => ({ id: `e${i}`, from: { node: i === 0 ? 'src' : `p${i - 1}`, port: 'frame' }, to: { node: `p${i}`, port: 'frame' } })),
  ],
});
const ctx = { stageId: 's', services: {} as RuntimeServices, maxBatch: 4 } satisfies RunnerContext;
const rgb: Frame = { width: 4, height: 2, channels: 3, data: Uint8Array.from({ length: 24 }, (_, i) => i * 10) };

describe('preprocessing node kinds', () => {
  it('given no params, when parsed, then each kind has sensible defaults', () => {
    expect(preprocessResize.params.parse({})).toEqual({ width: 224, height: 224, filter: 'bilinear' });
    expect(preprocessNormalize.params.parse({})).toEqual({ scale: 1 / 255, mean: [0], std: [1], order: 'rgb' });
    expect(preprocessCrop.params.parse({})).toMatchObject({ x: 0, y: 0 });
    expect(preprocessGrayscale.params.parse({})).toEqual({});
  });

  it('given bad params, when parsed, then zod refuses them with the field named', () => {
    expect(preprocessNormalize.params.safeParse({ mean: [1, 2] }).error?.issues[0].path).toEqual(['mean']);
    expect(preprocessNormalize.params.safeParse({ std: [0] }).error?.issues[0].message).toContain('std must not be 0');
    expect(preprocessResize.params.safeParse({ width: 0 }).success).toBe(false);
  });

  it('given a crop outside the known frame, when compiled, then the crop node gets a problem with the frame size', () => {
    const { problems } = compileGraph(graph([{ kind: 'preprocess.crop', params: { x: 300, y: 0, width: 64, height: 64 } }]), { models: {} });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'node.bad-params', nodeId: 'p0', path: ['width'], message: expect.stringContaining('320 pixels wide') }));
  });

  it('given a chain, when compiled, then each node reports the frame shape after it', () => {
    const kinds = [preprocessCrop, preprocessResize, preprocessGrayscale, preprocessNormalize];
    const params = [{ x: 0, y: 0, width: 100, height: 80 }, { width: 32, height: 16 }, {}, {}];
    let shape = { width: 320, height: 240, channels: 3 as const } as { width?: number; height?: number; channels?: 1 | 3 };
    const shapes = kinds.map((k, i) => {
      const out = k.compile(k.params.parse(params[i]) as never, { nodeId: 'n', frameShape: shape, connectedInputs: ['frame'], preprocess: [], models: {}, resolveModel: () => ({ code: 'internal', message: '' }) });
      if (Array.isArray(out)) throw new Error(JSON.stringify(out));
      shape = out.frameShape!;
      return shape;
    });
    expect(shapes).toEqual([
      { width: 100, height: 80, channels: 3 },
      { width: 32, height: 16, channels: 3 },
      { width: 32, height: 16, channels: 1 },
      { width: 32, height: 16, channels: 1 },
    ]);
  });

  it('given 3 mean values after grayscale, when compiled, then normalize says a gray frame takes 1', () => {
    const { problems } = compileGraph(graph([{ kind: 'preprocess.grayscale' }, { kind: 'preprocess.normalize', params: { mean: [1, 2, 3], std: [1] } }]), { models: {} });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'node.bad-params', nodeId: 'p1', path: ['mean'] }));
  });

  it('given unfused stages, when run on a frame, then crop, resize and grayscale give 8-bit frames and normalize leaves pixels viewable', async () => {
    const run = async (kind: typeof preprocessCrop | typeof preprocessResize | typeof preprocessGrayscale | typeof preprocessNormalize, params: object) => {
      const out = kind.compile(kind.params.parse(params) as never, { nodeId: 'n', frameShape: {}, connectedInputs: ['frame'], preprocess: [], models: {}, resolveModel: () => ({ code: 'internal', message: '' }) });
      if (Array.isArray(out)) throw new Error('compile failed');
      const stage = await kind.createStage!(out.config, ctx, {});
      return (await stage.run([{ frame: rgb }], []))[0];
    };
    expect(await run(preprocessCrop, { x: 1, y: 1, width: 2, height: 1 })).toEqual({ frame: { width: 2, height: 1, channels: 3, data: Uint8Array.from([150, 160, 170, 180, 190, 200]) } });
    expect(await run(preprocessResize, { width: 2, height: 1, filter: 'nearest' })).toMatchObject({ frame: { width: 2, height: 1, channels: 3 } });
    const gray = (await run(preprocessGrayscale, {})) as { frame: Frame };
    expect(gray.frame.channels).toBe(1);
    expect(gray.frame.data[0]).toBe(Math.round(0.299 * 0 + 0.587 * 10 + 0.114 * 20));
    expect(await run(preprocessNormalize, { order: 'bgr' })).toEqual({ frame: rgb });
    expect(await run(preprocessCrop, { x: 3, y: 0, width: 2, height: 1 })).toEqual({ error: expect.objectContaining({ code: 'frame.stage-failed' }) });
  });
});
