/** Converting between runtime results and Result rows (JSON columns are text). */
import type { KeyedResult, ResultBatch, StoredResult } from './types';

export interface ResultRow {
  id: string;
  lineId: string;
  versionId: string;
  deploymentId: string | null;
  frameId: string;
  seq: number;
  origin: string;
  inspectedAt: Date;
  verdict: string;
  defects: string;
  reasons: string;
  errorCode: string | null;
  errorMessage: string | null;
  latencyMs: number;
  truthDefective: boolean | null;
}

export function toResultRow(batch: Omit<ResultBatch, 'results'>, result: KeyedResult): ResultRow {
  return {
    id: result.resultKey,
    lineId: batch.lineId,
    versionId: batch.versionId,
    deploymentId: batch.deploymentId ?? null,
    frameId: result.frameId,
    seq: result.seq,
    origin: result.origin,
    inspectedAt: new Date(result.inspectedAt),
    verdict: result.verdict,
    defects: JSON.stringify(result.defects),
    reasons: JSON.stringify(result.reasons),
    errorCode: result.error?.code ?? null,
    errorMessage: result.error?.message ?? null,
    latencyMs: result.latencyMs,
    truthDefective: result.truth ? result.truth.defective : null,
  };
}

export function fromResultRow(row: ResultRow): StoredResult {
  return {
    id: row.id,
    lineId: row.lineId,
    versionId: row.versionId,
    deploymentId: row.deploymentId,
    frameId: row.frameId,
    seq: row.seq,
    origin: row.origin,
    inspectedAt: row.inspectedAt,
    verdict: row.verdict as StoredResult['verdict'],
    defects: JSON.parse(row.defects),
    reasons: JSON.parse(row.reasons),
    error: row.errorCode === null ? null : { code: row.errorCode, message: row.errorMessage ?? '' },
    latencyMs: row.latencyMs,
    truthDefective: row.truthDefective,
  };
}
