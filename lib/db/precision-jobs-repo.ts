/**
 * Precision Lab jobs: queued by the web app, claimed one at a time by its runner
 * (lib/precision-lab/job-runner.ts), updated while the child process reports, ended once.
 * The status moves only forward: queued → running → done | failed | interrupted | cancelled, or
 * queued → cancelled.
 */
import type { DbContext } from './context';
import type { JobProgress, PrecisionJobKind, PrecisionJobRecord, PrecisionJobStatus } from './types';

export interface CreatePrecisionJobInput {
  modelPath: string;
  kind: PrecisionJobKind;
  args: Record<string, unknown>;
}

export interface PrecisionJobsRepo {
  create(input: CreatePrecisionJobInput): Promise<PrecisionJobRecord>;
  get(id: string): Promise<PrecisionJobRecord | null>;
  /** Newest first. */
  list(filter?: { modelPath?: string; limit?: number }): Promise<PrecisionJobRecord[]>;
  /** Moves the oldest queued job to running and returns it; null when none is queued. */
  claimNext(at?: Date): Promise<PrecisionJobRecord | null>;
  /** Progress and log of a running job; a job no longer running is left alone. */
  report(id: string, update: { progress?: JobProgress | null; logTail?: string }): Promise<void>;
  /** Ends a running job; false when it was not running (e.g. marked interrupted meanwhile). */
  finish(id: string, end: { status: Extract<PrecisionJobStatus, 'done' | 'failed' | 'cancelled'>; result: Record<string, unknown>; logTail: string; at?: Date }): Promise<boolean>;
  /** Cancels a job that has not started; false when it is no longer queued (claimed meanwhile, or ended). */
  cancelQueued(id: string, at?: Date): Promise<boolean>;
  /** Marks every running job interrupted (their process is gone); returns how many. */
  interruptRunning(at?: Date): Promise<number>;
}

type Row = {
  id: string;
  modelPath: string;
  kind: string;
  args: string;
  status: string;
  progress: string | null;
  logTail: string;
  result: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function createPrecisionJobsRepo({ prisma }: DbContext): PrecisionJobsRepo {
  return {
    async create({ modelPath, kind, args }) {
      return toJob(await prisma.precisionJob.create({ data: { modelPath, kind, args: JSON.stringify(args), status: 'queued', logTail: '' } }));
    },
    async get(id) {
      const row = await prisma.precisionJob.findUnique({ where: { id } });
      return row ? toJob(row) : null;
    },
    async list({ modelPath, limit = 50 } = {}) {
      const rows = await prisma.precisionJob.findMany({ where: modelPath ? { modelPath } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
      return rows.map(toJob);
    },
    async claimNext(at = new Date()) {
      // Conditional update: of two claimers racing for one job, exactly one sees count 1.
      for (;;) {
        const next = await prisma.precisionJob.findFirst({ where: { status: 'queued' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
        if (!next) return null;
        const { count } = await prisma.precisionJob.updateMany({ where: { id: next.id, status: 'queued' }, data: { status: 'running', startedAt: at } });
        if (count === 1) return toJob({ ...next, status: 'running', startedAt: at });
      }
    },
    async report(id, { progress, logTail }) {
      const data = { ...(progress !== undefined ? { progress: progress === null ? null : JSON.stringify(progress) } : {}), ...(logTail !== undefined ? { logTail } : {}) };
      await prisma.precisionJob.updateMany({ where: { id, status: 'running' }, data });
    },
    async finish(id, { status, result, logTail, at = new Date() }) {
      const { count } = await prisma.precisionJob.updateMany({ where: { id, status: 'running' }, data: { status, result: JSON.stringify(result), logTail, finishedAt: at } });
      return count === 1;
    },
    async cancelQueued(id, at = new Date()) {
      const { count } = await prisma.precisionJob.updateMany({ where: { id, status: 'queued' }, data: { status: 'cancelled', result: JSON.stringify({ ok: false, cancelled: true }), finishedAt: at } });
      return count === 1;
    },
    async interruptRunning(at = new Date()) {
      const { count } = await prisma.precisionJob.updateMany({ where: { status: 'running' }, data: { status: 'interrupted', finishedAt: at } });
      return count;
    },
  };
}

function toJob(row: Row): PrecisionJobRecord {
  return {
    id: row.id,
    modelPath: row.modelPath,
    kind: row.kind as PrecisionJobKind,
    args: JSON.parse(row.args),
    status: row.status as PrecisionJobStatus,
    progress: row.progress === null ? null : JSON.parse(row.progress),
    logTail: row.logTail,
    result: row.result === null ? null : JSON.parse(row.result),
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
