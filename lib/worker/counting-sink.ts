/** A ResultSink that only counts: for headless runs and benchmarks that log nowhere. */
import type { ResultRecord, ResultSink } from '@/lib/pipeline/runtime/services';

export class CountingSink implements ResultSink {
  readonly counts = { pass: 0, fail: 0, error: 0 };

  async write(records: ResultRecord[]): Promise<void> {
    for (const record of records) this.counts[record.verdict]++;
  }

  get total(): number {
    return this.counts.pass + this.counts.fail + this.counts.error;
  }
}
