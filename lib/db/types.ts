/**
 * What lib/db hands to the rest of the app: plain data, no Prisma types. JSON columns come back
 * parsed.
 */
import type { ResultRecord } from '@/lib/pipeline/runtime/services';
import type { DefectRecord } from '@/lib/pipeline/values';

export interface LineRecord {
  id: string;
  name: string;
  taktMs: number;
  createdAt: Date;
}

export interface PipelineRecord {
  id: string;
  name: string;
  createdAt: Date;
  /** Highest version number, 0 when no version was saved yet. */
  latestVersion: number;
}

export interface PipelineVersionRecord {
  id: string;
  pipelineId: string;
  number: number;
  /** The graph document, parsed. */
  graph: unknown;
  graphHash: string;
  author: string;
  message: string;
  createdAt: Date;
}

export interface DeploymentRecord {
  id: string;
  lineId: string;
  versionId: string;
  pipelineId: string;
  pipelineName: string;
  versionNumber: number;
  deployedAt: Date;
  endedAt: Date | null;
  active: boolean;
}

/** A runtime result plus its idempotency key, stable across re-sends (e.g. `${runId}:${seq}`). */
export type KeyedResult = ResultRecord & { resultKey: string };

export interface ResultBatch {
  lineId: string;
  versionId: string;
  deploymentId?: string | null;
  results: KeyedResult[];
}

export interface WriteResultsOutcome {
  /** Results stored by this call. */
  accepted: number;
  /** Results already stored (same key), skipped. */
  duplicates: number;
}

export interface StoredResult {
  id: string;
  lineId: string;
  versionId: string;
  deploymentId: string | null;
  frameId: string;
  seq: number;
  origin: string;
  inspectedAt: Date;
  verdict: ResultRecord['verdict'];
  defects: DefectRecord[];
  reasons: string[];
  error: { code: string; message: string } | null;
  latencyMs: number;
  truthDefective: boolean | null;
}

export interface LineStats {
  inspected: number;
  passed: number;
  failed: number;
  errors: number;
  /** Parts per minute over the last minute. */
  throughputPerMin: number;
  /** Over the most recent results (see stats-repo); null when there are none. */
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  lastResultAt: Date | null;
  /** Verdicts against the ground truth some sources know (the synthetic camera); null when no result has one. */
  truth: TruthStats | null;
}

/** Parts with a known truth and a verdict (pass or fail; errors are counted as errors, not here). */
export interface TruthStats {
  judged: number;
  /** Truly defective parts, and those of them that passed: the escapes. */
  defective: number;
  escapes: number;
  /** Truly good parts, and those of them that failed: the false rejects. */
  good: number;
  falseRejects: number;
}

export interface WorkerRecord {
  id: string;
  lineId: string;
  lastSeenAt: Date;
  status: Record<string, unknown>;
}

export type PrecisionJobKind = 'fp16' | 'int8' | 'eval' | 'search';
export type PrecisionJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted' | 'cancelled';

/** A command's progress report (workers/commands/progress.ts). */
export interface JobProgress {
  phase: string;
  done: number;
  total: number;
}

export interface PrecisionJobRecord {
  id: string;
  modelPath: string;
  kind: PrecisionJobKind;
  args: Record<string, unknown>;
  status: PrecisionJobStatus;
  progress: JobProgress | null;
  logTail: string;
  /** The command's JSON result line, parsed; null until the job ends. */
  result: Record<string, unknown> | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}
