/**
 * The worker's results spool: batches the server could not take yet, on local disk, in order.
 * `spool.jsonl` holds one batch per line (appended, fsynced); `cursor.json` says how many bytes of
 * it were already delivered (written after each 2xx, atomically). Only a line index stays in
 * memory, so a long outage costs disk, not memory.
 *
 * Crash safety: a half-written last line is cut off on open; a crash between a 2xx and the cursor
 * write re-sends one batch, which the server counts once (results carry stable keys). When
 * everything is delivered the cursor is removed before the file, so a stale cursor can never
 * skip lines of a newer spool.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

interface Entry {
  offset: number;
  length: number;
  /** Results in the batch, for the `spooled` count in heartbeats. */
  results: number;
}

const cursorSchema = z.object({ deliveredBytes: z.number().int().nonnegative() });

export class Spool<T extends { results: unknown[] }> {
  private readonly file: string;
  private readonly cursorFile: string;
  private entries: Entry[] = [];
  private size = 0;
  private resultCount = 0;
  /** Disk writes happen one at a time, in the order they were asked for. */
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'spool.jsonl');
    this.cursorFile = join(dir, 'cursor.json');
    this.load();
  }

  /** Batches waiting. */
  get length(): number {
    return this.entries.length;
  }

  /** Results waiting, over all batches. */
  get results(): number {
    return this.resultCount;
  }

  /** Queues the batch for disk; resolves once it is written and fsynced. */
  append(batch: T): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(batch)}\n`);
    const entry = { offset: this.size, length: line.length, results: batch.results.length };
    this.entries.push(entry);
    this.size += line.length;
    this.resultCount += entry.results;
    return this.enqueue(async () => {
      const handle = await open(this.file, 'a');
      try {
        await handle.write(line, 0, line.length);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }

  /** The oldest batch, read back from disk; undefined when empty. */
  async head(): Promise<T | undefined> {
    const entry = this.entries[0];
    if (!entry) return undefined;
    // The append may still be in flight; reading after it keeps the bytes complete.
    await this.chain;
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(entry.length);
      await handle.read(buffer, 0, entry.length, entry.offset);
      return JSON.parse(buffer.toString('utf8')) as T;
    } finally {
      await handle.close();
    }
  }

  /** The oldest batch was delivered (2xx): move the cursor past it, or remove the spool when empty. */
  ack(): Promise<void> {
    const entry = this.entries.shift();
    if (!entry) return Promise.resolve();
    this.resultCount -= entry.results;
    if (this.entries.length === 0) {
      this.size = 0;
      return this.enqueue(async () => {
        await rm(this.cursorFile, { force: true });
        await rm(this.file, { force: true });
      });
    }
    const deliveredBytes = entry.offset + entry.length;
    return this.enqueue(async () => {
      const tmp = `${this.cursorFile}.tmp`;
      await writeFile(tmp, JSON.stringify({ deliveredBytes }), { flush: true });
      await rename(tmp, this.cursorFile);
    });
  }

  /** Resolves when every disk write asked for so far is done. */
  settled(): Promise<void> {
    return this.chain;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    // One failed write must not block the ones after it; the caller of this one sees the error.
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Indexes what a previous process left: undelivered complete lines, after the cursor. */
  private load(): void {
    if (!existsSync(this.file)) return;
    let delivered = 0;
    try {
      delivered = cursorSchema.parse(JSON.parse(readFileSync(this.cursorFile, 'utf8'))).deliveredBytes;
    } catch {
      // No cursor (or an unreadable one): replay everything; the server de-duplicates by key.
    }
    const bytes = readFileSync(this.file);
    let start = 0;
    for (let end = bytes.indexOf(10); end >= 0; start = end + 1, end = bytes.indexOf(10, start)) {
      if (start < delivered) continue;
      const text = bytes.toString('utf8', start, end);
      try {
        const batch = JSON.parse(text) as T;
        this.entries.push({ offset: start, length: end + 1 - start, results: Array.isArray(batch.results) ? batch.results.length : 0 });
        this.resultCount += this.entries[this.entries.length - 1].results;
      } catch {
        // A line that is not JSON cannot be sent; it is left in the file, skipped.
      }
    }
    // A crash mid-append leaves a partial last line; cut it so the next append starts clean.
    if (start < bytes.length) truncateSync(this.file, start);
    this.size = statSync(this.file).size;
    if (this.entries.length === 0) {
      rmSync(this.cursorFile, { force: true });
      rmSync(this.file, { force: true });
      this.size = 0;
    }
  }
}
