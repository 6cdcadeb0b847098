import { expect, it, vi } from 'vitest';
import { ResultWriter, type ResultBatchTarget } from '@/lib/db/result-writer';
import type { ResultSink } from '@/lib/pipeline/runtime/services';
import { deployedLine, result } from './fixtures';
import { describeEachDatabase } from './test-databases';

const records = (from: number, count: number) => Array.from({ length: count }, (_, i) => result('ignored', from + i));

describeEachDatabase('batching result writer', (db) => {
  it('given more results than one batch holds, when written and closed, then every result is stored once', async () => {
    const { line, version, deployment } = await deployedLine(db(), 'Writer line');
    const writer = new ResultWriter(db().results, { lineId: line.id, versionId: version.id, deploymentId: deployment.id, runId: 'run-a', maxRecords: 50, maxDelayMs: 60_000 });
    const sink: ResultSink = writer;
    for (let i = 0; i < 60; i += 20) await sink.write(records(i, 20));
    // The third write filled the buffer past 50: all 60 went out (as batches of at most 50).
    expect(await db().results.count({ lineId: line.id })).toBe(60);
    await sink.write(records(60, 15));
    expect(writer.pending()).toHaveLength(15);
    await writer.close();
    expect(await db().results.count({ lineId: line.id })).toBe(75);
    expect(writer.totals).toEqual({ accepted: 75, duplicates: 0 });
    expect(await db().results.get('run-a:74')).toMatchObject({ deploymentId: deployment.id, seq: 74 });
    await expect(writer.write(records(200, 1))).rejects.toThrow(/closed/);
  });

  it('given a few results and a short delay, when nothing else arrives, then the timer flushes them', async () => {
    const { line, version } = await deployedLine(db(), 'Timer line');
    const writer = new ResultWriter(db().results, { lineId: line.id, versionId: version.id, runId: 'run-t', maxRecords: 1000, maxDelayMs: 20 });
    await writer.write(records(0, 3));
    await vi.waitFor(async () => expect(await db().results.count({ lineId: line.id })).toBe(3), { timeout: 10_000 });
    await writer.close();
  });

  it('given a database write that fails once, when flushed again, then no accepted result is lost', async () => {
    const { line, version } = await deployedLine(db(), 'Flaky line');
    let failures = 1;
    const flaky: ResultBatchTarget = {
      write: (batch) => (failures-- > 0 ? Promise.reject(new Error('connection reset')) : db().results.write(batch)),
    };
    const writer = new ResultWriter(flaky, { lineId: line.id, versionId: version.id, runId: 'run-f', maxRecords: 10, maxDelayMs: 60_000 });
    await expect(writer.write(records(0, 10))).rejects.toThrow('connection reset');
    expect(writer.pending()).toHaveLength(10);
    await writer.write(records(10, 5));
    await writer.close();
    expect(await db().results.count({ lineId: line.id })).toBe(15);
  });

  it('given a producer that restarts its run and re-sends, when the same keys arrive again, then they count as duplicates', async () => {
    const { line, version } = await deployedLine(db(), 'Replay line');
    const options = { lineId: line.id, versionId: version.id, runId: 'run-r', maxRecords: 100, maxDelayMs: 60_000 };
    const first = new ResultWriter(db().results, options);
    await first.write(records(0, 40));
    await first.close();
    const replay = new ResultWriter(db().results, options);
    await replay.write(records(20, 40));
    await replay.close();
    expect(replay.totals).toEqual({ accepted: 20, duplicates: 20 });
    expect(await db().results.count({ lineId: line.id })).toBe(60);
  });
});
