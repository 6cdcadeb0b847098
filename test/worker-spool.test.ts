import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resultsBatchSchema, type ResultsBatch } from '@/lib/api/schemas';
import type { ResultRecord } from '@/lib/pipeline/runtime/services';
import { HttpReporter } from '@/lib/worker/http-reporter';
import { Spool } from '@/lib/worker/spool';

/** A stand-in Loupe server on 127.0.0.1: it can be down, answer 500 a number of times, or take results. */
class ResultsServer {
  readonly keys: string[] = [];
  readonly batchKeys: string[] = [];
  failures = 0;
  refuse = new Set<string>();
  answered500 = 0;
  private server: Server | undefined;

  constructor(readonly port: number) {}

  static async freePort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const reply = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        if (req.url !== '/api/results' || req.method !== 'POST') return reply(404, { problems: [] });
        if (this.failures > 0) {
          this.failures--;
          this.answered500++;
          return reply(500, { problems: [{ code: 'internal', message: 'database hiccup' }] });
        }
        const parsed = resultsBatchSchema.safeParse(JSON.parse(body));
        if (!parsed.success) return reply(400, { problems: [{ code: 'request.invalid', message: parsed.error.message }] });
        if (this.refuse.has(parsed.data.batchKey)) return reply(422, { problems: [{ code: 'request.invalid', message: 'refused by the test' }] });
        const fresh = parsed.data.results.filter((r) => !this.keys.includes(r.resultKey));
        this.keys.push(...fresh.map((r) => r.resultKey));
        this.batchKeys.push(parsed.data.batchKey);
        reply(200, { accepted: fresh.length, duplicates: parsed.data.results.length - fresh.length });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const record = (seq: number): ResultRecord => ({
  frameId: `camera:${seq}`,
  seq,
  origin: `synthetic:1:${seq}`,
  inspectedAt: 1_700_000_000_000 + seq,
  verdict: seq % 7 === 0 ? 'fail' : 'pass',
  defects: seq % 7 === 0 ? [{ kind: 'scratch', score: 2.1, box: [1, 2, 3, 4] }] : [],
  reasons: seq % 7 === 0 ? ['anomaly score 2.10 above 1.59'] : [],
  latencyMs: 4.5,
});

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const run = { workerId: 'w1', lineId: 'line-1', deploymentId: 'dep-1', versionId: 'ver-1', runId: 'run-a' };
const fast = { attemptsBeforeSpool: 2, initialBackoffMs: 5, maxBackoffMs: 40, requestTimeoutMs: 2_000 };

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('worker results reporter (HTTP + disk spool)', () => {
  const dirs: string[] = [];
  const servers: ResultsServer[] = [];
  const reporters: HttpReporter[] = [];
  const spoolDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-spool-'));
    dirs.push(dir);
    return dir;
  };
  const serverOn = async () => {
    const server = new ResultsServer(await ResultsServer.freePort());
    servers.push(server);
    return server;
  };
  const reporter = (server: ResultsServer, dir: string) => {
    const r = new HttpReporter({ server: server.url, spoolDir: dir, ...fast });
    reporters.push(r);
    return r;
  };

  afterEach(async () => {
    for (const r of reporters.splice(0)) await r.close(0);
    for (const s of servers.splice(0)) await s.down();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('given the server down, then up, then answering 500 once, when results are reported, then every result arrives exactly once and in order', async () => {
    const server = await serverOn();
    const dir = spoolDir();
    const rep = reporter(server, dir);
    const sink = rep.sinkFor(run, { maxRecords: 10, maxDelayMs: 5 });

    for (const seq of range(0, 50)) await sink.write([record(seq)]);
    await sink.flush();
    await until(() => rep.status().spooled === 50, 'all 50 results to be spooled while the server is down');
    const spoolFile = join(dir, 'spool.jsonl');
    await until(() => existsSync(spoolFile) && readFileSync(spoolFile, 'utf8').split('\n').length === 6, 'the 5 batches to be on disk');
    expect(rep.status().offline).toBe(true);

    server.failures = 1;
    await server.up();
    for (const seq of range(50, 100)) await sink.write([record(seq)]);
    await sink.close();

    expect(await rep.drain(10_000)).toBe(true);
    expect(server.answered500).toBe(1);
    expect(server.keys).toEqual(range(0, 100).map((seq) => `run-a:${seq}`));
    expect(server.batchKeys[0]).toBe('run-a:0-9');
    expect(rep.status()).toMatchObject({ pending: 0, spooled: 0, offline: false, delivered: { results: 100, duplicates: 0 } });
    expect(existsSync(join(dir, 'spool.jsonl'))).toBe(false);
  });

  it('given results spooled by a reporter that was closed while the server was down, when a new reporter starts on the same spool, then it replays them in order, exactly once', async () => {
    const server = await serverOn();
    const dir = spoolDir();
    const first = reporter(server, dir);
    const sink = first.sinkFor(run, { maxRecords: 5, maxDelayMs: 5 });
    await sink.write(range(0, 23).map(record));
    await sink.close();
    await first.close(50);

    const lines = readFileSync(join(dir, 'spool.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => (JSON.parse(l) as ResultsBatch).batchKey)).toEqual(['run-a:0-4', 'run-a:5-9', 'run-a:10-14', 'run-a:15-19', 'run-a:20-22']);

    await server.up();
    const second = reporter(server, dir);
    expect(second.status().spooled).toBe(23);
    expect(await second.drain(10_000)).toBe(true);
    expect(server.keys).toEqual(range(0, 23).map((seq) => `run-a:${seq}`));
    expect(existsSync(join(dir, 'spool.jsonl'))).toBe(false);
  });

  it('given a batch the server refuses as invalid, when reporting, then it is kept aside in rejected.jsonl and later batches still arrive', async () => {
    const server = await serverOn();
    server.refuse.add('run-a:0-1');
    await server.up();
    const dir = spoolDir();
    const rep = reporter(server, dir);
    const sink = rep.sinkFor(run, { maxRecords: 2, maxDelayMs: 5 });
    await sink.write(range(0, 6).map(record));
    await sink.close();
    expect(await rep.drain(10_000)).toBe(true);
    expect(server.keys).toEqual(['run-a:2', 'run-a:3', 'run-a:4', 'run-a:5']);
    const kept = readFileSync(join(dir, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(kept).toHaveLength(1);
    expect(kept[0].batch.batchKey).toBe('run-a:0-1');
    expect(kept[0].reason).toMatch(/422.*refused by the test/);
    expect(rep.status().rejected).toBe(1);
  });
});

describe('results spool on disk', () => {
  const batch = (key: string, n: number) => ({ batchKey: key, results: Array.from({ length: n }, (_, i) => ({ i })) });

  it('given delivered batches and a half-written last line from a crash, when the spool is reopened, then only the undelivered complete batches remain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-spool-'));
    try {
      const spool = new Spool<ReturnType<typeof batch>>(dir);
      await spool.append(batch('a', 2));
      await spool.append(batch('b', 3));
      await spool.append(batch('c', 1));
      await spool.ack();
      appendFileSync(join(dir, 'spool.jsonl'), '{"batchKey":"d","resu');

      const reopened = new Spool<ReturnType<typeof batch>>(dir);
      expect(reopened.length).toBe(2);
      expect(reopened.results).toBe(4);
      expect((await reopened.head())?.batchKey).toBe('b');
      await reopened.append(batch('e', 1));
      await reopened.ack();
      expect((await reopened.head())?.batchKey).toBe('c');
      await reopened.ack();
      expect((await reopened.head())?.batchKey).toBe('e');
      await reopened.ack();
      expect(reopened.length).toBe(0);
      expect(existsSync(join(dir, 'spool.jsonl'))).toBe(false);
      expect(existsSync(join(dir, 'cursor.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
