import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { heartbeatSchema, resultsBatchSchema, type Heartbeat, type ResultsBatch } from '@/lib/api/schemas';
import type { Graph } from '@/lib/pipeline/graph';
import { LineWorker, type LineWorkerOptions } from '@/lib/worker/line-worker';

const root = resolve(__dirname, '..');
const demo = JSON.parse(readFileSync(join(root, 'pipelines', 'demo.json'), 'utf8')) as Graph;

/** The demo pipeline with another trigger and no picture sink (nothing written to disk). */
function demoWith(trigger: Graph['nodes'][number]): Graph {
  return {
    ...demo,
    nodes: [trigger, ...demo.nodes.filter((n) => n.kind !== 'sink.images' && n.id !== 'trigger')],
    edges: demo.edges.filter((e) => e.to.node !== 'pictures'),
  };
}

/** A stand-in Loupe server speaking the worker API (lib/api/schemas), recording what it receives. */
class FakeServer {
  deployment: { deploymentId: string; versionId: string; graph: unknown } | null = null;
  readonly batches: ResultsBatch[] = [];
  readonly beats: Heartbeat[] = [];
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const reply = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        if (req.method === 'GET' && req.url === '/api/lines') return reply(200, { lines: [line] });
        if (req.method === 'GET' && req.url === `/api/lines/${line.id}/deployment`) {
          return this.deployment ? reply(200, this.deployment) : reply(404, { problems: [{ code: 'request.not-found', message: 'nothing deployed' }] });
        }
        if (req.method === 'POST' && req.url === '/api/results') {
          const batch = resultsBatchSchema.parse(JSON.parse(body));
          this.batches.push(batch);
          return reply(200, { accepted: batch.results.length, duplicates: 0 });
        }
        if (req.method === 'POST' && req.url === '/api/workers/heartbeat') {
          this.beats.push(heartbeatSchema.parse(JSON.parse(body)));
          return reply(200, { ok: true });
        }
        reply(404, { problems: [{ code: 'request.not-found', message: req.url }] });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  results(deploymentId?: string) {
    return this.batches.filter((b) => !deploymentId || b.deploymentId === deploymentId).flatMap((b) => b.results);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

const line = {
  id: 'line-1',
  name: 'Test line',
  taktMs: 100,
  deployment: null,
  stats: { inspected: 0, passed: 0, failed: 0, errors: 0, throughputPerMin: 0, latencyP50Ms: null, latencyP99Ms: null, lastResultAt: null, truth: null },
  workers: [],
};

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('line worker against a server speaking the worker API', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setUp(options: Partial<LineWorkerOptions> = {}) {
    const server = new FakeServer();
    await server.start();
    cleanups.push(() => server.stop());
    const spoolDir = mkdtempSync(join(tmpdir(), 'loupe-worker-'));
    cleanups.push(() => rmSync(spoolDir, { recursive: true, force: true }));
    const worker = new LineWorker(
      { server: `http://127.0.0.1:${server.port}`, line: 'Test line', workerId: 'test-worker', spoolDir, baseDir: root, pollMs: 100, heartbeatMs: 100, batchDelayMs: 20, triggerPort: 0, ...options },
      () => undefined,
    );
    return { server, worker };
  }

  it('given a deployment, when it changes and the worker is then stopped, then each run reports under its own deployment and every inspected part arrives once', async () => {
    // Block, not drop: a busy machine may not keep up with the 50 Hz trigger, and a dropped part
    // (counted, never sent) would leave a gap in the seqs this test checks for completeness.
    const { server, worker } = await setUp({ backpressure: 'block' });
    server.deployment = { deploymentId: 'dep-1', versionId: 'ver-1', graph: demoWith({ id: 'trigger', kind: 'trigger.interval', params: { rateHz: 50 }, position: { x: 0, y: 0 } }) };
    await worker.start();
    await until(() => server.results('dep-1').length >= 10, 'results of the first deployment');

    server.deployment = { deploymentId: 'dep-2', versionId: 'ver-2', graph: demoWith({ id: 'trigger', kind: 'trigger.interval', params: { rateHz: 40 }, position: { x: 0, y: 0 } }) };
    await until(() => server.results('dep-2').length >= 10, 'results of the second deployment');
    await worker.stop();

    const keys = server.results().map((r) => r.resultKey);
    expect(new Set(keys).size).toBe(keys.length);
    const runsOf = (dep: string) => new Set(server.results(dep).map((r) => r.resultKey.split(':')[0]));
    expect(runsOf('dep-1').size).toBe(1);
    expect(runsOf('dep-2').size).toBe(1);
    expect([...runsOf('dep-1')][0]).not.toBe([...runsOf('dep-2')][0]);
    expect(server.batches.every((b) => b.workerId === 'test-worker' && b.lineId === 'line-1')).toBe(true);
    // Every part of the last run was delivered before stop() returned: seqs 0..n-1 without a gap.
    const seqs = server.results('dep-2').map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const last = server.beats[server.beats.length - 1];
    expect(last.status).toMatchObject({ state: 'stopped', spooled: 0 });
    expect(server.beats.some((b) => b.status.state === 'running' && b.status.deploymentId === 'dep-1')).toBe(true);
  }, 90_000);

  it('given a pipeline with a software trigger, when POST /trigger/<name> is sent to the worker, then one part is inspected per fire', async () => {
    const { server, worker } = await setUp();
    server.deployment = { deploymentId: 'dep-http', versionId: 'ver-http', graph: demoWith({ id: 'trigger', kind: 'trigger.http', params: { name: 'station-3' }, position: { x: 0, y: 0 } }) };
    await worker.start();
    await until(() => server.beats.some((b) => b.status.state === 'running'), 'the run to start');
    const fire = (name: string) => fetch(`http://127.0.0.1:${worker.triggerPort}/trigger/${name}`, { method: 'POST' });
    // The runner subscribes while the run starts; retry the first fire until someone listens.
    let first = await fire('station-3');
    for (let i = 0; first.status === 404 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      first = await fire('station-3');
    }
    expect(first.status).toBe(202);
    for (let i = 0; i < 4; i++) expect((await fire('station-3')).status).toBe(202);
    expect((await fire('nobody-listens')).status).toBe(404);
    await until(() => server.results('dep-http').length === 5, 'five inspected parts');
    await worker.stop();
    expect(server.results('dep-http')).toHaveLength(5);
  }, 60_000);

  it('given a deployed graph that does not compile, when the worker picks it up, then it reports the problems in its heartbeat and stays up', async () => {
    const { server, worker } = await setUp();
    const broken = { ...demo, nodes: demo.nodes.map((n) => (n.id === 'decision' ? { ...n, kind: 'decision.magic' } : n)) };
    server.deployment = { deploymentId: 'dep-bad', versionId: 'ver-bad', graph: broken };
    await worker.start();
    await until(() => server.beats.some((b) => b.status.state === 'error'), 'an error heartbeat');
    const beat = server.beats.find((b) => b.status.state === 'error')!;
    expect(beat.status.problems).toContainEqual(expect.objectContaining({ code: 'node.unknown-kind', nodeId: 'decision' }));
    await worker.stop();
  }, 30_000);
});
