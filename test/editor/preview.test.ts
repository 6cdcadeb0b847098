import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/pipelines/preview/route';
import type { Graph } from '@/lib/pipeline/graph';
import type { PortPreview, PreviewResult } from '@/lib/preview/preview-types';

const root = join(__dirname, '..', '..');
const demo = JSON.parse(readFileSync(join(root, 'pipelines', 'demo.json'), 'utf8')) as Graph;

function demoWithPictures(folder: string): Graph {
  return { ...demo, nodes: demo.nodes.map((n) => (n.kind === 'sink.images' ? { ...n, params: { ...n.params, folder, onlyFailed: false } } : n)) };
}

async function preview(body: unknown) {
  const res = await POST(new Request('http://test/api/pipelines/preview', { method: 'POST', body: JSON.stringify(body) }), undefined as never);
  return { status: res.status, body: await res.json() };
}

const port = <T extends PortPreview['type']>(ports: PortPreview[], type: T) => ports.find((p) => p.type === type) as Extract<PortPreview, { type: T }> | undefined;

describe('pipeline preview route', () => {
  it('given the demo pipeline, when previewed on 2 frames, then every node shows its output and time and the sinks write nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'loupe-preview-'));
    const { status, body } = await preview({ graph: demoWithPictures(folder), frames: 2 });
    expect(status).toBe(200);
    const result = body as PreviewResult;
    expect(result.frames).toHaveLength(2);
    for (const frame of result.frames) {
      const { camera, normalize, anomaly, decision, log, pictures, trigger } = frame.nodes;
      expect(port(camera.outputs, 'Frame')).toMatchObject({ width: 256, height: 256, channels: 1, image: expect.stringMatching(/^data:image\/png;base64,/) });
      expect(normalize).toMatchObject({ fusedInto: 'anomaly' });
      expect(port(normalize.outputs, 'Frame')?.image).toMatch(/^data:image\/png;base64,/);
      const map = port(anomaly.outputs, 'AnomalyMap')!;
      expect(map).toMatchObject({ width: 64, height: 64, image: expect.stringMatching(/^data:image\/png/), overlay: expect.stringMatching(/^data:image\/png/) });
      expect(map.max).toBeGreaterThanOrEqual(map.min);
      expect(anomaly.ms).toBeGreaterThanOrEqual(0);
      expect(typeof port(decision.outputs, 'Verdict')?.pass).toBe('boolean');
      expect([log.skipped, pictures.skipped, trigger.skipped]).toEqual(['sink', 'sink', 'trigger']);
      expect(['pass', 'fail']).toContain(frame.verdict);
    }
    const heat = await sharp(Buffer.from(port(result.frames[0].nodes.anomaly.outputs, 'AnomalyMap')!.image.split(',')[1], 'base64')).metadata();
    expect([heat.width, heat.height, heat.channels]).toEqual([64, 64, 3]);
    expect(readdirSync(folder)).toEqual([]);
    expect(result.notes.join(' ')).toContain('Sinks do not run');
  });

  it('given an uploaded RGB picture, when previewed, then it is the one frame, turned gray as the camera is', async () => {
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 90, g: 120, b: 150 } } }).png().toBuffer();
    const { status, body } = await preview({ graph: demo, image: `data:image/png;base64,${png.toString('base64')}` });
    expect(status).toBe(200);
    expect(body.frames).toHaveLength(1);
    expect(body.frames[0].origin).toBe('uploaded image');
    expect(port(body.frames[0].nodes.camera.outputs, 'Frame')).toMatchObject({ channels: 1, width: 256 });
    expect(port(body.frames[0].nodes.anomaly.outputs, 'AnomalyMap')).toBeDefined();
  });

  it('given a graph with a broken parameter, when previewed, then 400 with the problem on its node', async () => {
    const broken = { ...demo, nodes: demo.nodes.map((n) => (n.id === 'camera' ? { ...n, params: { ...n.params, width: 5 } } : n)) };
    const { status, body } = await preview({ graph: broken });
    expect(status).toBe(400);
    expect(body.problems).toContainEqual(expect.objectContaining({ code: 'node.bad-params', nodeId: 'camera' }));
  });

  it('given bytes that are not an image, or 9 frames, when previewed, then 400 saying which', async () => {
    const bad = await preview({ graph: demo, image: Buffer.from('not a picture').toString('base64') });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0]).toMatchObject({ code: 'frame.decode', path: ['image'] });
    const many = await preview({ graph: demo, frames: 9 });
    expect(many.status).toBe(400);
    expect(many.body.problems[0]).toMatchObject({ code: 'request.invalid', path: ['frames'] });
  });
});
