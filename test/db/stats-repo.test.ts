import { expect, it } from 'vitest';
import { deployedLine, result } from './fixtures';
import { describeEachDatabase } from './test-databases';

describeEachDatabase('stats repository', (db) => {
  it('given a line without results, when stats are read, then all counts are zero and latency is null', async () => {
    const line = await db().lines.create({ name: 'Quiet line', taktMs: 500 });
    expect(await db().stats.line(line.id)).toEqual({
      inspected: 0, passed: 0, failed: 0, errors: 0, throughputPerMin: 0, latencyP50Ms: null, latencyP99Ms: null, lastResultAt: null,
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
    });
    const other = await db().lines.create({ name: 'Other busy line', taktMs: 500 });
    const both = await db().stats.lines([line.id, other.id], { now: new Date(now) });
    expect(both.get(line.id)).toEqual(stats);
    expect(both.get(other.id)?.inspected).toBe(0);
  });

  it('given a since bound, when stats are read, then older results are left out', async () => {
    const { line, version } = await deployedLine(db(), 'Since line');
    await db().results.write({ lineId: line.id, versionId: version.id, results: [result('s', 1, { inspectedAt: 1_000 }), result('s', 2, { inspectedAt: 5_000 })] });
    expect((await db().stats.line(line.id, { since: new Date(2_000) })).inspected).toBe(1);
  });
});
