import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/client';
import type { Graph } from '@/lib/pipeline/graph';
import { runCli } from '@/workers/cli-program';

const root = resolve(__dirname, '..');
const demoFile = join(root, 'pipelines', 'demo.json');
const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as Graph;
const MODEL = join(root, 'models', 'demo', 'surface-anomaly.onnx');

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), exit: () => undefined });
  return { code, out: out.join(''), err: err.join('') };
}

/** The demo's inspection chain behind another source, free-running (no trigger, no picture sink). */
function chainFrom(source: Graph['nodes'][number]): Graph {
  const keep = new Set(['normalize', 'anomaly', 'decision', 'log']);
  return {
    version: 1,
    name: `test ${source.kind}`,
    nodes: [source, ...demo.nodes.filter((n) => keep.has(n.id)).map((n) => (n.id === 'anomaly' ? { ...n, params: { ...n.params, model: MODEL } } : n))],
    edges: [
      { id: 'in', from: { node: source.id, port: 'frame' }, to: { node: 'normalize', port: 'frame' } },
      ...demo.edges.filter((e) => keep.has(e.from.node) && keep.has(e.to.node)),
    ],
  };
}

/** A PNG that claims 30000×30000 gray pixels: a valid header and a token IDAT, no real pixel data. */
function hugePngHeader(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30_000, 0);
  ihdr.writeUInt32BE(30_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // gray
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

describe('loupe CLI', () => {
  let dir: string;
  const write = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('validate', () => {
    it('given the demo pipeline, when validated, then it exits 0 and says OK', async () => {
      const r = await cli(['validate', demoFile, '--base-dir', root]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^OK .*demo\.json: \d+ stages, 1 model/);
    });

    it('given a pipeline with a cycle, when validated, then it exits 1 and prints the problem as JSON', async () => {
      const cyclic = {
        ...demo,
        edges: [...demo.edges, { id: 'back', from: { node: 'decision', port: 'verdict' }, to: { node: 'camera', port: 'trigger' } }].filter((e) => e.id !== 'e-trigger-camera'),
      };
      const r = await cli(['validate', write('cycle.json', cyclic), '--base-dir', root]);
      expect(r.code).toBe(1);
      const { problems } = JSON.parse(r.out);
      expect(problems.map((p: { code: string }) => p.code)).toContain('graph.cycle');
    });

    it('given a node of an unknown kind, when validated, then the problem names that node', async () => {
      const unknown = { ...demo, nodes: demo.nodes.map((n) => (n.id === 'decision' ? { ...n, kind: 'decision.magic' } : n)) };
      const r = await cli(['validate', write('unknown.json', unknown), '--base-dir', root]);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out).problems).toContainEqual(expect.objectContaining({ code: 'node.unknown-kind', nodeId: 'decision' }));
    });

    it('given a file that is not JSON, a JSON file that is not a pipeline and a missing file, when validated, then each gives problems and exit 1, no stack trace', async () => {
      for (const file of [write('garbage.json', '{ not json'), write('other.json', { hello: 'world' }), join(dir, 'missing.json')]) {
        const r = await cli(['validate', file]);
        expect(r.code, file).toBe(1);
        const { problems } = JSON.parse(r.out);
        expect(problems.length, file).toBeGreaterThan(0);
        expect(r.out + r.err).not.toMatch(/\n\s+at /);
      }
    });

    it('given no file or an unknown option, when run, then it exits 2 (usage)', async () => {
      expect((await cli(['validate'])).code).toBe(2);
      expect((await cli(['run', demoFile, '--frames', 'many'])).code).toBe(2);
      expect((await cli(['frobnicate'])).code).toBe(2);
    });
  });

  describe('run', () => {
    it('given the demo pipeline, when run as `loupe run --frames 50 --json` in its own process, then stdout is one JSON line with the counts and stages', async () => {
      // Its own working folder, so the demo's picture sink writes there, not into the repository.
      const cwd = mkdtempSync(join(tmpdir(), 'loupe-cli-cwd-'));
      try {
        const { stdout } = await promisify(execFile)(
          join(root, 'node_modules', '.bin', 'tsx'),
          ['--tsconfig', join(root, 'tsconfig.json'), join(root, 'workers', 'cli.ts'), 'run', demoFile, '--frames', '50', '--json', '--base-dir', root],
          { cwd, timeout: 120_000 },
        );
        const lines = stdout.trim().split('\n');
        expect(lines).toHaveLength(1);
        const summary = JSON.parse(lines[0]);
        expect(summary).toMatchObject({ frames: 50, errors: 0, dropped: 0 });
        expect(summary.passed + summary.failed).toBe(50);
        expect(summary.fps).toBeGreaterThan(0);
        expect(summary.latencyMs).toEqual({ p50: expect.any(Number), p99: expect.any(Number) });
        expect(summary.stages.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['source.synthetic', 'model.anomaly', 'decision', 'sink.log']));
        for (const stage of summary.stages) expect(stage).toEqual(expect.objectContaining({ id: expect.any(String), kind: expect.any(String), p50Ms: expect.any(Number) }));
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    }, 150_000);

    it('given a folder with good images, a corrupt one, a zero-byte one and a 30000×30000 PNG header, when run, then the bad ones are errors with their reasons and the rest are inspected', async () => {
      const images = join(dir, 'images');
      mkdirSync(images, { recursive: true });
      for (const i of [1, 2, 3]) {
        const pixels = Buffer.alloc(256 * 256, 100 + i * 10);
        await sharp(pixels, { raw: { width: 256, height: 256, channels: 1 } }).toColourspace('b-w').png().toFile(join(images, `good${i}.png`));
      }
      writeFileSync(join(images, 'corrupt.png'), Buffer.concat([readFileSync(join(images, 'good1.png')).subarray(0, 60), Buffer.from('definitely not deflate data')]));
      writeFileSync(join(images, 'empty.png'), Buffer.alloc(0));
      writeFileSync(join(images, 'huge.png'), hugePngHeader());
      const file = write('folder.json', chainFrom({ id: 'camera', kind: 'source.folder', params: { path: images }, position: { x: 0, y: 0 } }));

      const r = await cli(['run', file, '--json']);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.out.trim());
      expect(summary).toMatchObject({ frames: 6, errors: 3 });
      expect(summary.passed + summary.failed).toBe(3);
      expect(summary.errorsByCode).toEqual({ 'frame.decode': 1, 'frame.empty': 1, 'frame.too-large': 1 });
    }, 60_000);

    it('given --db with a SQLite file, when a pipeline runs, then every inspected part is a row under the named line and a version of the file', async () => {
      const url = `file:${join(dir, 'cli.db')}`;
      const file = write('synthetic.json', chainFrom(demo.nodes.find((n) => n.id === 'camera')!));
      const r = await cli(['run', file, '--frames', '40', '--json', '--db', url, '--line', 'bench line']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out.trim()).frames).toBe(40);

      const again = await cli(['run', file, '--frames', '10', '--json', '--db', url, '--line', 'bench line']);
      expect(again.code).toBe(0);

      const db = await openDatabase(url);
      try {
        const line = await db.lines.getByName('bench line');
        expect(line).not.toBeNull();
        expect(await db.results.count({ lineId: line!.id })).toBe(50);
        const pipeline = await db.pipelines.findByName('test source.synthetic');
        // The same file twice is one version.
        expect(pipeline?.latestVersion).toBe(1);
      } finally {
        await db.close();
      }
    }, 60_000);
  });
});
