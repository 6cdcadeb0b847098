/**
 * Inspection results: written in batches, read back for dashboards. Writing is idempotent on
 * each result's key, so a worker that re-sends a batch (it did not see the answer, it replays
 * its spool) never counts a part twice.
 */
import { ProblemError, problem, type Problem } from '@/lib/pipeline/problems';
import type { DbContext } from './context';
import { postgresInsert, sqliteInsert } from './insert-results-sql';
import { fromResultRow, type ResultRow, toResultRow } from './result-rows';
import type { ResultBatch, StoredResult, WriteResultsOutcome } from './types';

export interface ResultsRepo {
  write(batch: ResultBatch): Promise<WriteResultsOutcome>;
  /** Newest first. */
  recent(lineId: string, options?: { limit?: number }): Promise<StoredResult[]>;
  get(resultKey: string): Promise<StoredResult | null>;
  count(filter?: { lineId?: string; versionId?: string }): Promise<number>;
}

/** Rows per statement: SQLite binds 15 × 1000 parameters (limit 32766); PostgreSQL binds 15 arrays. */
const CHUNK = 1000;
const VERDICTS = new Set(['pass', 'fail', 'error']);

export function createResultsRepo({ prisma, provider, bulkExecute }: DbContext): ResultsRepo {
  return {
    async write(batch) {
      if (batch.results.length === 0) return { accepted: 0, duplicates: 0 };
      await checkBatch(batch);
      const unique = new Map<string, ResultRow>();
      for (const result of batch.results) if (!unique.has(result.resultKey)) unique.set(result.resultKey, toResultRow(batch, result));
      const rows = [...unique.values()];
      const statements = [];
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        statements.push(provider === 'postgresql' ? postgresInsert(chunk) : sqliteInsert(chunk));
      }
      // ON CONFLICT DO NOTHING: the affected-row count is exactly what was new.
      const accepted = await bulkExecute(statements);
      return { accepted, duplicates: batch.results.length - accepted };
    },
    async recent(lineId, { limit = 100 } = {}) {
      const rows = await prisma.result.findMany({ where: { lineId }, orderBy: [{ inspectedAt: 'desc' }, { seq: 'desc' }], take: limit });
      return rows.map(fromResultRow);
    },
    async get(resultKey) {
      const row = await prisma.result.findUnique({ where: { id: resultKey } });
      return row && fromResultRow(row);
    },
    count: (filter = {}) => prisma.result.count({ where: filter }),
  };

  async function checkBatch(batch: ResultBatch): Promise<void> {
    const problems: Problem[] = [];
    batch.results.forEach((result, index) => {
      if (!result.resultKey) problems.push(problem('request.invalid', 'A result needs a resultKey', { path: ['results', index, 'resultKey'] }));
      if (!VERDICTS.has(result.verdict)) problems.push(problem('request.invalid', `Unknown verdict "${result.verdict}"`, { path: ['results', index, 'verdict'] }));
    });
    if (problems.length) throw new ProblemError(problems);
    const [line, version, deployment] = await Promise.all([
      prisma.line.findUnique({ where: { id: batch.lineId }, select: { id: true } }),
      prisma.pipelineVersion.findUnique({ where: { id: batch.versionId }, select: { id: true } }),
      batch.deploymentId ? prisma.deployment.findUnique({ where: { id: batch.deploymentId }, select: { id: true } }) : true,
    ]);
    if (!line) problems.push(problem('request.not-found', `No line with id ${batch.lineId}`, { path: ['lineId'] }));
    if (!version) problems.push(problem('request.not-found', `No pipeline version with id ${batch.versionId}`, { path: ['versionId'] }));
    if (!deployment) problems.push(problem('request.not-found', `No deployment with id ${batch.deploymentId}`, { path: ['deploymentId'] }));
    if (problems.length) throw new ProblemError(problems);
  }
}
