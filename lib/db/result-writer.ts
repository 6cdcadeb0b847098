/**
 * A ResultSink that batches: it buffers results and writes them in one transaction every
 * `maxRecords` results or `maxDelayMs` after the first buffered one, whichever comes first.
 * Writes are serialised (one batch in flight). A failed batch stays buffered and is retried by
 * the next flush, so nothing accepted by write() is dropped; close() flushes everything and
 * throws if that is impossible (the caller still holds `pending()` to spool).
 */
import { z } from 'zod';
import type { ResultRecord, ResultSink } from '@/lib/pipeline/runtime/services';
import type { KeyedResult, ResultBatch, WriteResultsOutcome } from './types';

export const ResultWriterOptions = z.object({
  lineId: z.string().min(1),
  versionId: z.string().min(1),
  deploymentId: z.string().min(1).nullable().default(null),
  /** Unique per producer run; with each result's seq it forms the idempotency key. */
  runId: z.string().min(1),
  maxRecords: z.number().int().positive().default(1000),
  maxDelayMs: z.number().int().nonnegative().default(200),
});
export type ResultWriterOptions = z.input<typeof ResultWriterOptions>;

/** Where batches go: the results repository, or anything with the same write (e.g. an HTTP client). */
export interface ResultBatchTarget {
  write(batch: ResultBatch): Promise<WriteResultsOutcome>;
}

export class ResultWriter implements ResultSink {
  private readonly options: z.output<typeof ResultWriterOptions>;
  private buffer: KeyedResult[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly totals: WriteResultsOutcome = { accepted: 0, duplicates: 0 };

  constructor(
    private readonly target: ResultBatchTarget,
    options: ResultWriterOptions,
    /** Failures of timer-driven flushes (the results stay buffered); write/flush/close throw instead. */
    private readonly onError: (error: unknown) => void = (error) => console.error('ResultWriter: flush failed, results kept for the next flush:', error),
  ) {
    this.options = ResultWriterOptions.parse(options);
  }

  async write(records: ResultRecord[]): Promise<void> {
    if (this.closed) throw new Error('ResultWriter is closed');
    for (const record of records) this.buffer.push({ ...record, resultKey: `${this.options.runId}:${record.seq}` });
    if (this.buffer.length >= this.options.maxRecords) await this.flush();
    else if (!this.timer && this.buffer.length > 0) {
      this.timer = setTimeout(() => this.flush().catch(this.onError), this.options.maxDelayMs);
    }
  }

  /** Writes everything buffered now; resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const run = this.chain.then(() => this.writeBuffered());
    this.chain = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  /** Results accepted by write() but not yet stored. */
  pending(): readonly KeyedResult[] {
    return this.buffer;
  }

  private async writeBuffered(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.options.maxRecords);
      const { lineId, versionId, deploymentId } = this.options;
      const outcome = await this.target.write({ lineId, versionId, deploymentId, results: batch });
      // Only now drop them: a failed write leaves the batch buffered for the next flush.
      this.buffer = this.buffer.slice(batch.length);
      this.totals.accepted += outcome.accepted;
      this.totals.duplicates += outcome.duplicates;
    }
  }
}
