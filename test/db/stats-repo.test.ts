import { describe, expect, it } from 'vitest';
import { deployedLine, result } from './fixtures';
import { producingSpanMs } from '@/lib/db/stats-repo';
import type { GroundTruth } from '@/lib/pipeline/values';
import { describeEachDatabase } from './test-databases';

describeEachDatabase('stats repository', (db) => {
  it('given a line without results, when stats are read, then all counts are zero and latency is null', async () => {
    const line = await db().lines.create({ name: 'Quiet line', taktMs: 500 });
    expect(await db().stats.line(line.id)).toEqual({
      inspected: 0, passed: 0, failed: 0, errors: 0, throughputPerMin: 0, latencyP50Ms: null, latencyP99Ms: null, lastResultAt: null, truth: null,
    });
  });

  it('given 100 results with known verdicts and latencies, when stats are read, then counts, throughput and percentiles match', async () => {
    const { line, version } = await deployedLine(db(), 'Busy line');
    const now = Date.UTC(2026, 0, 1, 12, 10, 0);
    // 100 parts, one every second, the last 40 inside the final minute before `now`.
    const results = Array.from({ length: 100 }, (_, i) =>
      result('busy', i, {
        inspectedAt: now - (99 - i) * 1500,
        verdict: i % 10 === 0 ? 'fail' : i % 25 === 1 ? 'error' : 'pass',
        latencyMs: i + 1, // 1 … 100
      }),
    );
    await db().results.write({ lineId: line.id, versionId: version.id, results });
    const stats = await db().stats.line(line.id, { now: new Date(now) });
    expect(stats).toEqual({
      inspected: 100,
      passed: 86,
      failed: 10,
      errors: 4,
      throughputPerMin: 41, // inspectedAt within [now − 60 s, now]: i = 59 … 99
      latencyP50Ms: 50,
      latencyP99Ms: 99,
      lastResultAt: new Date(now),
      truth: null, // no result carried a ground truth
    });
    const other = await db().lines.create({ name: 'Other busy line', taktMs: 500 });
    const both = await db().stats.lines([line.id, other.id], { now: new Date(now) });
    expect(both.get(line.id)).toEqual(stats);
    expect(both.get(other.id)?.inspected).toBe(0);
  });

  it('given a line that started (or resumed after a stop) 12 s ago at 10 parts/s, when stats are read, then throughput is its real rate, not its parts spread over a minute', async () => {
    const { line, version } = await deployedLine(db(), 'Fresh line');
    const now = Date.UTC(2026, 0, 1, 12, 10, 0);
    const before = [result('old', 0, { inspectedAt: now - 5 * 60_000 })];
    const running = Array.from({ length: 120 }, (_, i) => result('fresh', i, { inspectedAt: now - 12_000 + i * 100 }));
    await db().results.write({ lineId: line.id, versionId: version.id, results: [...before, ...running] });
    expect((await db().stats.line(line.id, { now: new Date(now) })).throughputPerMin).toBe(600);
  });

  it('given parts whose ground truth is known, when stats are read, then escapes and false rejects are counted against it, errors and parts without a truth left out', async () => {
    const { line, version } = await deployedLine(db(), 'Truth line');
    const defective: GroundTruth = { defective: true, defects: [{ kind: 'scratch', box: [1, 2, 3, 4] }] };
    const good: GroundTruth = { defective: false, defects: [] };
    const verdicts: [GroundTruth | undefined, 'pass' | 'fail' | 'error', number][] = [
      [defective, 'fail', 18], // caught
      [defective, 'pass', 2], // escapes
      [defective, 'error', 1],
      [good, 'pass', 75],
      [good, 'fail', 3], // false rejects
      [good, 'error', 1],
      [undefined, 'fail', 4], // a camera without truth
    ];
    let seq = 0;
    const results = verdicts.flatMap(([truth, verdict, n]) => Array.from({ length: n }, () => result('truth', seq++, { truth, verdict })));
    await db().results.write({ lineId: line.id, versionId: version.id, results });
    const stats = await db().stats.line(line.id);
    expect(stats.inspected).toBe(104);
    expect(stats.truth).toEqual({ judged: 98, defective: 20, escapes: 2, good: 78, falseRejects: 3 });
  });

  it('given a since bound, when stats are read, then older results are left out', async () => {
    const { line, version } = await deployedLine(db(), 'Since line');
    await db().results.write({ lineId: line.id, versionId: version.id, results: [result('s', 1, { inspectedAt: 1_000 }), result('s', 2, { inspectedAt: 5_000 })] });
    expect((await db().stats.line(line.id, { since: new Date(2_000) })).inspected).toBe(1);
  });
});

describe('the span of the last minute a line was producing in', () => {
  const now = 1_000_000;
  it('given a first part near the window start, when measured, then it is the whole minute', () => {
    expect(producingSpanMs(now, now - 58_000, 100)).toBe(60_000);
  });
  it('given a slow line (takt 10 s) whose first part came 15 s into the window, when measured, then it is still the whole minute', () => {
    expect(producingSpanMs(now, now - 45_000, 10_000)).toBe(60_000);
  });
  it('given a single part a moment ago, when measured, then the span is at least 5 s, so one part is not read as a takt rate', () => {
    expect(producingSpanMs(now, now - 50, 100)).toBe(5_000);
  });
  it('given a line that started 20 s ago, when measured, then it is those 20 s', () => {
    expect(producingSpanMs(now, now - 20_000, 100)).toBe(20_000);
  });
});
