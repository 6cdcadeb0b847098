import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as datasetsRoute from '@/app/api/precision/datasets/route';
import * as cancelRoute from '@/app/api/precision/jobs/[id]/cancel/route';
import * as jobRoute from '@/app/api/precision/jobs/[id]/route';
import * as jobsRoute from '@/app/api/precision/jobs/route';
import * as modelsRoute from '@/app/api/precision/models/route';
import { serverDb } from '@/lib/db/server-db';
import { modelId } from '@/lib/precision-lab/lab-paths';
import { convNet } from '../precision/fp16-models';

const DEMO = 'models/demo/surface-anomaly.onnx';
const none = undefined as never;
const postJson = (body: unknown) => new Request('http://test/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const postForm = (form: FormData) => new Request('http://test/api', { method: 'POST', body: form });
const spec = { width: 256, height: 256, channels: 'gray' };

describe('precision lab API routes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-lab-routes-'));
    // The routes read DATABASE_URL and LOUPE_DATA_DIR on first use: fresh temp ones here.
    process.env.DATABASE_URL = `file:${join(dir, 'loupe.db')}`;
    process.env.LOUPE_DATA_DIR = join(dir, 'data');
  });
  afterAll(async () => {
    await (await serverDb()).close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given bad job requests, when posted, then each is a 400 naming the field, and nothing is queued', async () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{ kind: 'fp16', model: 'models/ghost.onnx' }, /No model "models\/ghost.onnx"/],
      [{ kind: 'int8', model: modelId(DEMO), calib: join(dir, 'nowhere'), input: spec }, /Calibration folder .* does not exist/],
      [{ kind: 'eval', model: DEMO, val: 'models/demo', input: spec }, /Validation folder "models\/demo" has no images/],
      [{ kind: 'int8', model: DEMO, calib: 'data', input: spec, method: 'fast', smoothquant: 2 }, /method|smoothquant/],
      [{ kind: 'search', model: DEMO, calib: 'x', val: 'y', input: { ...spec, channels: 4 } }, /budget|channels/],
      [{ kind: 'fp16', model: DEMO, blockOps: ['Resize; rm -rf /'] }, /blockOps/],
      [{ kind: 'quantum', model: DEMO }, /kind/],
    ];
    for (const [body, message] of cases) {
      const res = await jobsRoute.POST(postJson(body), none);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { problems } = await res.json();
      expect(problems.every((p: { code: string }) => p.code === 'request.invalid')).toBe(true);
      expect(problems.map((p: { message: string; path?: string[] }) => `${p.path?.join('.')}: ${p.message}`).join('\n')).toMatch(message);
    }
    const listed = await (await jobsRoute.GET(new Request(`http://test/api?model=${modelId(DEMO)}`), none)).json();
    expect(listed.jobs).toEqual([]);
    expect((await jobRoute.GET(new Request('http://test/api'), { params: Promise.resolve({ id: 'ghost' }) })).status).toBe(404);
    const cancelGhost = await cancelRoute.POST(postJson({}), { params: Promise.resolve({ id: 'ghost' }) });
    expect(cancelGhost.status).toBe(404);
    expect(await cancelGhost.json()).toMatchObject({ problems: [{ code: 'request.not-found', message: 'No precision job with id ghost' }] });
  });

  it('given uploads of a model, a non-model and a non-form, when posted, then the model is stored and listed and the others are refused', async () => {
    const good = new FormData();
    good.set('file', new File([new Uint8Array(convNet(4))], 'My Net (v2).onnx'));
    const created = await modelsRoute.POST(postForm(good), none);
    expect(created.status).toBe(201);
    const { model } = await created.json();
    expect(model.path).toBe(join(dir, 'data', 'models', 'My-Net-v2.onnx'));
    const { models } = await (await modelsRoute.GET(new Request('http://test/api'), none)).json();
    expect(models.map((m: { path: string }) => m.path)).toEqual(expect.arrayContaining([DEMO, model.path]));
    expect((await modelsRoute.POST(postForm(good), none)).status).toBe(409);

    const text = new FormData();
    text.set('file', new File(['hello, not a model'], 'notes.onnx'));
    const refused = await modelsRoute.POST(postForm(text), none);
    expect(refused.status).toBe(422);
    expect((await refused.json()).problems[0]).toMatchObject({ code: 'model.not-onnx', message: expect.stringContaining('"notes.onnx" is not an ONNX model') });
    expect((await modelsRoute.POST(postJson({ file: 'x' }), none)).status).toBe(400);
  });

  it('given a folder upload, when stored, then class sub-folders are kept; a path that climbs out is refused and writes nothing', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const form = new FormData();
    form.set('name', 'NEU val');
    for (const path of ['neu/crazing/a.png', 'neu/scratches/b.png', 'neu/.DS_Store']) {
      form.append('files', new File([png], path.split('/').pop()!));
      form.append('paths', path);
    }
    const res = await datasetsRoute.POST(postForm(form), none);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ dataset: { path: join(dir, 'data', 'datasets', 'NEU-val'), images: 2, skipped: 1 } });
    expect(readdirSync(join(dir, 'data', 'datasets', 'NEU-val')).sort()).toEqual(['crazing', 'scratches']);

    const evil = new FormData();
    evil.set('name', 'evil');
    evil.append('files', new File([png], 'x.png'));
    evil.append('paths', 'set/../../../escape.png');
    const refused = await datasetsRoute.POST(postForm(evil), none);
    expect(refused.status).toBe(400);
    expect((await refused.json()).problems[0].message).toMatch(/path traversal is refused/);
    expect(existsSync(join(dir, 'data', 'datasets', 'evil'))).toBe(false);
    expect(existsSync(join(dir, 'escape.png'))).toBe(false);
  });
});
