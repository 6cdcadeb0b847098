/** Worker heartbeats: one row per worker process, overwritten on every beat. */
import { ProblemError, problem } from '@/lib/pipeline/problems';
import type { DbContext } from './context';
import { isForeignKeyViolation } from './prisma-errors';
import type { WorkerRecord } from './types';

export interface HeartbeatInput {
  workerId: string;
  lineId: string;
  status: Record<string, unknown>;
  /** Default: now. */
  at?: Date;
}

export interface WorkersRepo {
  heartbeat(input: HeartbeatInput): Promise<WorkerRecord>;
  list(filter?: { lineId?: string; seenSince?: Date }): Promise<WorkerRecord[]>;
}

export function createWorkersRepo({ prisma }: DbContext): WorkersRepo {
  return {
    async heartbeat({ workerId, lineId, status, at = new Date() }) {
      const data = { lineId, lastSeenAt: at, status: JSON.stringify(status) };
      try {
        return toWorker(await prisma.worker.upsert({ where: { id: workerId }, create: { id: workerId, ...data }, update: data }));
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new ProblemError([problem('request.not-found', `No line with id ${lineId}`, { path: ['lineId'] })]);
        throw error;
      }
    },
    async list({ lineId, seenSince } = {}) {
      const rows = await prisma.worker.findMany({
        where: { ...(lineId ? { lineId } : {}), ...(seenSince ? { lastSeenAt: { gte: seenSince } } : {}) },
        orderBy: { id: 'asc' },
      });
      return rows.map(toWorker);
    },
  };
}

function toWorker(row: { id: string; lineId: string; lastSeenAt: Date; status: string }): WorkerRecord {
  return { id: row.id, lineId: row.lineId, lastSeenAt: row.lastSeenAt, status: JSON.parse(row.status) };
}
