/**
 * Delivers result batches to POST /api/results, in order, exactly once as far as the server can
 * tell. Batches wait in memory while the server answers; after a few failed attempts the server
 * counts as unreachable and every waiting batch goes to the disk spool (fsynced), then new ones
 * too until the spool is drained. A spooled batch is deleted only after a 2xx. Re-sends after a
 * lost answer are harmless: each result carries a stable `resultKey`, the server counts it once.
 *
 * One reporter per worker process (one spool per line); each plan run gets its own batching sink
 * from `sinkFor`, so batches keep the deployment they were produced under.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ResultsBatch } from '@/lib/api/schemas';
import { ResultWriter } from '@/lib/db/result-writer';
import type { ResultBatch } from '@/lib/db/types';
import type { RuntimeServices } from '@/lib/pipeline/runtime/services';
import { messageOf } from '@/lib/pipeline/runtime/message-of';
import { backoffDelay, sleep } from './backoff';
import { requestJson } from './post-json';
import { Spool } from './spool';

export const httpReporterOptionsSchema = z
  .object({
    /** Base URL of the Loupe server, e.g. http://127.0.0.1:3000. */
    server: z.url(),
    spoolDir: z.string().min(1),
    /** Failed attempts on one batch before the server counts as unreachable and batches go to disk. */
    attemptsBeforeSpool: z.number().int().min(1).default(3),
    /** Batches kept in memory at most; beyond, they go to disk (a slow server must not grow memory). */
    maxMemoryBatches: z.number().int().min(1).default(64),
    initialBackoffMs: z.number().int().min(1).default(250),
    maxBackoffMs: z.number().int().min(1).default(10_000),
    requestTimeoutMs: z.number().int().min(1).default(15_000),
  })
  .strict();
export type HttpReporterOptions = z.input<typeof httpReporterOptionsSchema>;

export interface RunIdentity {
  workerId: string;
  lineId: string;
  deploymentId: string;
  versionId: string;
  /** Unique per plan run; `${runId}:${seq}` is each result's key. */
  runId: string;
}

export interface ReporterStatus {
  /** Results waiting in memory and on disk. */
  pending: number;
  /** Results on disk. */
  spooled: number;
  offline: boolean;
  delivered: { batches: number; results: number; duplicates: number };
  /** Batches the server refused as invalid (kept in rejected.jsonl next to the spool). */
  rejected: number;
}

type Log = RuntimeServices['log'];

export class HttpReporter {
  private readonly options: z.output<typeof httpReporterOptionsSchema>;
  private readonly spool: Spool<ResultsBatch>;
  private memory: ResultsBatch[] = [];
  private offline = false;
  private stopped = false;
  private readonly stopSignal = new AbortController();
  private wake: (() => void) | null = null;
  private readonly pumping: Promise<void>;
  private readonly delivered = { batches: 0, results: 0, duplicates: 0 };
  private rejected = 0;

  constructor(options: HttpReporterOptions, private readonly log: Log = () => undefined) {
    this.options = httpReporterOptionsSchema.parse(options);
    this.spool = new Spool<ResultsBatch>(this.options.spoolDir);
    if (this.spool.length > 0) {
      this.log('info', `results spool: ${this.spool.results} result(s) in ${this.spool.length} batch(es) from before; sending them first`, { spoolDir: this.options.spoolDir });
    }
    this.pumping = this.pump();
  }

  /** Queues a batch. Resolves at once when it waits in memory, after the fsync when it goes to disk. */
  send(batch: ResultsBatch): Promise<void> {
    if (this.stopped) return this.spool.append(batch);
    let written: Promise<void> = Promise.resolve();
    if (this.offline || this.spool.length > 0) written = this.spool.append(batch);
    else if (this.memory.length >= this.options.maxMemoryBatches) {
      this.spoolMemory();
      written = this.spool.append(batch);
    } else this.memory.push(batch);
    this.wake?.();
    return written;
  }

  /** A batching ResultSink for one plan run; close() it when the run ends to hand over its last batch. */
  sinkFor(run: RunIdentity, batching: { maxRecords?: number; maxDelayMs?: number } = {}): ResultWriter {
    const target = {
      write: async (batch: ResultBatch) => {
        const first = batch.results[0]?.seq ?? 0;
        const last = batch.results[batch.results.length - 1]?.seq ?? first;
        const { workerId, lineId, deploymentId, versionId, runId } = run;
        await this.send({ workerId, lineId, deploymentId, versionId, batchKey: `${runId}:${first}-${last}`, results: batch.results });
        // "Accepted" here means handed over for delivery; the server's own counts are in status().
        return { accepted: batch.results.length, duplicates: 0 };
      },
    };
    return new ResultWriter(
      target,
      { lineId: run.lineId, versionId: run.versionId, deploymentId: run.deploymentId, runId: run.runId, maxRecords: batching.maxRecords ?? 500, maxDelayMs: batching.maxDelayMs ?? 250 },
      (error) => this.log('error', `results could not be queued: ${messageOf(error)}`),
    );
  }

  status(): ReporterStatus {
    const inMemory = this.memory.reduce((n, b) => n + b.results.length, 0);
    return { pending: inMemory + this.spool.results, spooled: this.spool.results, offline: this.offline, delivered: { ...this.delivered }, rejected: this.rejected };
  }

  /** Waits up to timeoutMs for everything queued to be delivered; true when it was. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.memory.length + this.spool.length > 0 && Date.now() < deadline) await sleep(20);
    // Deliveries are recorded on disk too (cursor, spool removal) before this counts as drained.
    await this.spool.settled();
    return this.memory.length + this.spool.length === 0;
  }

  /**
   * Delivers what it can within timeoutMs, then puts the rest on disk and stops: nothing accepted
   * by send() is lost, and the next reporter on this spool sends it.
   */
  async close(timeoutMs = 5_000): Promise<void> {
    const drained = await this.drain(timeoutMs);
    this.stopped = true;
    this.stopSignal.abort();
    this.wake?.();
    await this.pumping;
    // The pump has stopped, so nothing is in flight from memory now.
    this.spoolMemory();
    await this.spool.settled();
    if (!drained) this.log('warn', `results spool: ${this.spool.results} result(s) kept on disk for the next start`, { spoolDir: this.options.spoolDir });
  }

  private spoolMemory(): void {
    for (const batch of this.memory.splice(0)) {
      this.spool.append(batch).catch((err: unknown) => this.log('error', `results spool: could not write ${batch.batchKey}: ${messageOf(err)}`));
    }
  }

  private async pump(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const fromSpool = this.spool.length > 0;
      let batch: ResultsBatch | undefined;
      try {
        batch = fromSpool ? await this.spool.head() : this.memory[0];
      } catch (err) {
        this.log('error', `results spool: cannot read ${this.options.spoolDir}: ${messageOf(err)}`);
        await sleep(backoffDelay(++failures, this.backoff), this.stopSignal.signal);
        continue;
      }
      if (!batch) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      const outcome = await requestJson(`${this.options.server.replace(/\/+$/, '')}/api/results`, {
        body: batch,
        timeoutMs: this.options.requestTimeoutMs,
        signal: this.stopSignal.signal,
      });
      if (this.stopped && outcome.kind === 'retry') break;
      if (outcome.kind === 'retry') {
        failures++;
        if (!this.offline && failures >= this.options.attemptsBeforeSpool) {
          this.offline = true;
          this.log('warn', `server unreachable, spooling results to ${this.options.spoolDir}: ${outcome.reason}`);
          this.spoolMemory();
        }
        await sleep(backoffDelay(failures, this.backoff), this.stopSignal.signal);
        continue;
      }
      if (outcome.kind === 'rejected') await this.reject(batch, outcome.reason);
      else this.count(batch, outcome.body);
      if (this.offline) this.log('info', 'server reachable again, sending spooled results');
      failures = 0;
      this.offline = false;
      // The batch may have moved to disk while it was in flight; it is then the spool's head.
      if (this.memory[0] === batch) this.memory.shift();
      else await this.spool.ack().catch((err: unknown) => this.log('error', `results spool: cannot record delivery: ${messageOf(err)}`));
    }
  }

  private get backoff() {
    return { initialMs: this.options.initialBackoffMs, maxMs: this.options.maxBackoffMs };
  }

  private count(batch: ResultsBatch, body: unknown): void {
    const answer = body as { accepted?: unknown; duplicates?: unknown } | undefined;
    this.delivered.batches++;
    this.delivered.results += typeof answer?.accepted === 'number' ? answer.accepted : batch.results.length;
    this.delivered.duplicates += typeof answer?.duplicates === 'number' ? answer.duplicates : 0;
  }

  /** Retrying a batch the server calls invalid would block every later one; keep it aside instead. */
  private async reject(batch: ResultsBatch, reason: string): Promise<void> {
    this.rejected++;
    const file = join(this.options.spoolDir, 'rejected.jsonl');
    this.log('error', `server refused results batch ${batch.batchKey} (${batch.results.length} results), kept in ${file}: ${reason}`);
    await appendFile(file, `${JSON.stringify({ reason, batch })}\n`).catch((err: unknown) => this.log('error', `cannot keep the refused batch: ${messageOf(err)}`));
  }
}
