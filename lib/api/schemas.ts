/**
 * The worker <-> server HTTP contract (/work/notes/API.md) as zod schemas. The server validates
 * what it receives with these, the worker builds its bodies against the same types, so the two
 * sides cannot drift apart silently.
 */
import { z } from 'zod';
import { PROBLEM_CODES, type ProblemCode } from '@/lib/pipeline/problems';

const id = z.string().min(1).max(200);
const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const problemSchema = z
  .object({
    code: z.enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]]),
    message: z.string(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    port: z.string().optional(),
    path: z.array(z.union([z.string(), z.number()])).optional(),
  });

/** Every 4xx/5xx answer. */
export const problemsBodySchema = z.object({ problems: z.array(problemSchema) });

/** lib/pipeline/runtime/services.ts ResultRecord, plus the worker's stable idempotency key. */
export const resultRecordSchema = z.object({
  /** `${runId}:${seq}`: the same part sent twice is counted once. */
  resultKey: z.string().min(1).max(300),
  frameId: z.string().min(1).max(300),
  seq: z.number().int().nonnegative(),
  origin: z.string().max(2000),
  inspectedAt: z.number().finite(),
  verdict: z.enum(['pass', 'fail', 'error']),
  defects: z.array(z.object({ kind: z.string(), score: z.number(), box: box.optional() })).max(1000),
  reasons: z.array(z.string()).max(100),
  latencyMs: z.number().finite().nonnegative(),
  error: problemSchema.optional(),
  truth: z.object({ defective: z.boolean(), defects: z.array(z.object({ kind: z.string(), box })) }).optional(),
});
export type ResultRecordBody = z.infer<typeof resultRecordSchema>;

/** POST /api/results */
export const resultsBatchSchema = z.object({
  workerId: id,
  lineId: id,
  deploymentId: id,
  versionId: id,
  /** Stable per batch (`${runId}:${firstSeq}-${lastSeq}`), for logs and replays. */
  batchKey: z.string().min(1).max(300),
  results: z.array(resultRecordSchema).max(10_000),
});
export type ResultsBatch = z.infer<typeof resultsBatchSchema>;

export const resultsAcceptedSchema = z.object({ accepted: z.number().int().nonnegative(), duplicates: z.number().int().nonnegative() });
export type ResultsAccepted = z.infer<typeof resultsAcceptedSchema>;

export const WORKER_STATES = ['starting', 'running', 'idle', 'error', 'stopping', 'stopped'] as const;

export const workerStatusSchema = z
  .object({
    /** One of WORKER_STATES; any short word is accepted so an older server never rejects a newer worker. */
    state: z.string().min(1).max(50),
    frames: z.number().nonnegative(),
    fps: z.number().nonnegative(),
    errors: z.number().nonnegative(),
    dropped: z.number().nonnegative(),
    /** Results waiting in the local spool because the server was unreachable. */
    spooled: z.number().nonnegative(),
  })
  .loose();
export type WorkerStatus = z.infer<typeof workerStatusSchema>;

/** POST /api/workers/heartbeat */
export const heartbeatSchema = z.object({ workerId: id, lineId: id, status: workerStatusSchema });
export type Heartbeat = z.infer<typeof heartbeatSchema>;
export const heartbeatAckSchema = z.object({ ok: z.literal(true) });

/**
 * GET /api/lines/:lineId/deployment (404 request.not-found when none). The graph is checked by
 * the compiler on the worker (problems as data), not rejected here as a whole.
 */
export const deploymentResponseSchema = z.object({ deploymentId: id, versionId: id, graph: z.unknown() });
export type DeploymentResponse = z.infer<typeof deploymentResponseSchema>;

export const lineSummarySchema = z.object({
  id,
  name: z.string(),
  taktMs: z.number(),
  deployment: z
    .object({ deploymentId: id, versionId: id, pipelineId: id, pipelineName: z.string(), versionNumber: z.number().int() })
    .nullable(),
  stats: z.object({
    inspected: z.number(),
    passed: z.number(),
    failed: z.number(),
    errors: z.number(),
    throughputPerMin: z.number(),
    latencyP50Ms: z.number().nullable(),
    latencyP99Ms: z.number().nullable(),
    lastResultAt: z.string().nullable(),
    truth: z
      .object({ judged: z.number(), defective: z.number(), escapes: z.number(), good: z.number(), falseRejects: z.number() })
      .nullable()
      .optional(),
  }),
  workers: z.array(z.object({ id, lastSeenAt: z.string(), status: z.record(z.string(), z.unknown()), online: z.boolean().optional() })),
});
export type LineSummaryBody = z.infer<typeof lineSummarySchema>;

/** GET /api/lines */
export const linesResponseSchema = z.object({ lines: z.array(lineSummarySchema), now: z.string().optional() });
