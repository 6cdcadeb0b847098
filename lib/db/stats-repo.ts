/**
 * Per-line aggregates for the home page. Counting is done by the database (GROUP BY, portable);
 * latency percentiles are computed here from the most recent results, because percentile SQL
 * differs between SQLite and PostgreSQL.
 */
import type { DbContext } from './context';
import { percentile } from './percentile';
import type { LineStats, TruthStats } from './types';

export interface StatsOptions {
  /** Clock for the throughput window (default: now). */
  now?: Date;
  /** Count only results inspected at or after this time (default: all). */
  since?: Date;
  /** How many recent results the latency percentiles look at (default 1000). */
  latencySample?: number;
}

export interface StatsRepo {
  line(lineId: string, options?: StatsOptions): Promise<LineStats>;
  /** Stats for every line that has results, plus zeroed stats for the ids asked for. */
  lines(lineIds: string[], options?: StatsOptions): Promise<Map<string, LineStats>>;
}

export const THROUGHPUT_WINDOW_MS = 60_000;

/** A span shorter than this is not yet a rate: a line's first seconds are averaged over at least this long. */
const MIN_SPAN_MS = 5_000;

/**
 * How much of the last minute the line was producing in. All of it, unless its first part in the
 * window came well after the window opened (more than two takts, and at least 5 s): then the line
 * started or resumed inside the window, and counting its parts over the whole minute would show a
 * line that just started at a fraction of its real rate.
 */
export function producingSpanMs(nowMs: number, firstInWindowMs: number, taktMs: number): number {
  const windowStartMs = nowMs - THROUGHPUT_WINDOW_MS;
  if (firstInWindowMs - windowStartMs <= Math.max(MIN_SPAN_MS, 2 * taktMs)) return THROUGHPUT_WINDOW_MS;
  return Math.min(THROUGHPUT_WINDOW_MS, Math.max(MIN_SPAN_MS, nowMs - firstInWindowMs));
}

export function emptyStats(): LineStats {
  return { inspected: 0, passed: 0, failed: 0, errors: 0, throughputPerMin: 0, latencyP50Ms: null, latencyP99Ms: null, lastResultAt: null, truth: null };
}

function emptyTruth(): TruthStats {
  return { judged: 0, defective: 0, escapes: 0, good: 0, falseRejects: 0 };
}

function addJudged(t: TruthStats, defective: boolean, failed: boolean, n: number): void {
  t.judged += n;
  if (defective) {
    t.defective += n;
    if (!failed) t.escapes += n;
  } else {
    t.good += n;
    if (failed) t.falseRejects += n;
  }
}

export function createStatsRepo({ prisma }: DbContext): StatsRepo {
  async function lines(lineIds: string[], options: StatsOptions = {}): Promise<Map<string, LineStats>> {
    const now = options.now ?? new Date();
    const stats = new Map(lineIds.map((id) => [id, emptyStats()]));
    if (lineIds.length === 0) return stats;
    const where = { lineId: { in: lineIds }, ...(options.since ? { inspectedAt: { gte: options.since } } : {}) };
    const counts = await prisma.result.groupBy({ by: ['lineId', 'verdict', 'truthDefective'], where, _count: { _all: true }, _max: { inspectedAt: true } });
    for (const row of counts) {
      const s = stats.get(row.lineId)!;
      const n = row._count._all;
      s.inspected += n;
      if (row.verdict === 'pass') s.passed += n;
      else if (row.verdict === 'fail') s.failed += n;
      else s.errors += n;
      if (row.truthDefective !== null && row.verdict !== 'error') addJudged((s.truth ??= emptyTruth()), row.truthDefective, row.verdict === 'fail', n);
      const last = row._max.inspectedAt;
      if (last && (!s.lastResultAt || last > s.lastResultAt)) s.lastResultAt = last;
    }
    const windowStart = new Date(now.getTime() - THROUGHPUT_WINDOW_MS);
    const [recent, takts] = await Promise.all([
      prisma.result.groupBy({
        by: ['lineId'],
        where: { lineId: { in: lineIds }, inspectedAt: { gte: windowStart, lte: now } },
        _count: { _all: true },
        _min: { inspectedAt: true },
      }),
      prisma.line.findMany({ where: { id: { in: lineIds } }, select: { id: true, taktMs: true } }),
    ]);
    const taktOf = new Map(takts.map((l) => [l.id, l.taktMs]));
    for (const row of recent) {
      const span = producingSpanMs(now.getTime(), row._min.inspectedAt?.getTime() ?? windowStart.getTime(), taktOf.get(row.lineId) ?? 0);
      stats.get(row.lineId)!.throughputPerMin = (row._count._all * 60_000) / span;
    }
    await Promise.all(
      lineIds.map(async (lineId) => {
        const s = stats.get(lineId)!;
        if (s.inspected === 0) return;
        const latest = await prisma.result.findMany({
          where: { lineId, ...(options.since ? { inspectedAt: { gte: options.since } } : {}) },
          orderBy: { inspectedAt: 'desc' },
          take: options.latencySample ?? 1000,
          select: { latencyMs: true },
        });
        const latencies = latest.map((row) => row.latencyMs);
        s.latencyP50Ms = percentile(latencies, 0.5);
        s.latencyP99Ms = percentile(latencies, 0.99);
      }),
    );
    return stats;
  }

  return {
    lines,
    async line(lineId, options) {
      return (await lines([lineId], options)).get(lineId)!;
    },
  };
}
