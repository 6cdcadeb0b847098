/** The runtime's public surface: options in, a handle and a summary out. */
import { z } from 'zod';
import type { Problem } from '../problems';
import type { FrameInfo, Verdict } from '../values';

export const runOptionsSchema = z
  .object({
    /** Capacity of each queue between stages. */
    queueCapacity: z.number().int().min(1).max(10_000).default(16),
    /**
     * What happens when a trigger fires and the first queue is full: wait for space, or drop the
     * frame and count it. A free-running source (no trigger) always blocks.
     */
    backpressure: z.enum(['block', 'drop']).default('block'),
    /** Upper bound on a model stage's micro-batch. */
    maxBatch: z.number().int().min(1).max(256).default(8),
    /** How long a model stage waits for a batch to fill once it has one frame. */
    batchWaitMs: z.number().min(0).max(1000).default(2),
    /** Stop after this many frames have entered (0 = until the source ends or stop()). */
    maxFrames: z.number().int().min(0).default(0),
    intraOpThreads: z.number().int().min(1).max(256).optional(),
    /**
     * Inference sessions per model stage, each running its own batch, the threads shared among
     * them (throughput mode, like OpenVINO's streams): more parts per second on a multi-core CPU,
     * each part a little slower. 1 = one session on every thread, the lowest latency.
     */
    streams: z.number().int().min(1).max(8).default(1),
  })
  .strict();

export type RunOptions = z.input<typeof runOptionsSchema>;

export interface FrameOutcome {
  info: FrameInfo;
  verdict: 'pass' | 'fail' | 'error';
  detail?: Verdict;
  error?: Problem;
  latencyMs: number;
  stageMs: Record<string, number>;
}

export interface StageSummary {
  id: string;
  kind: string;
  p50Ms: number;
  p99Ms: number;
  frames: number;
  /** Highest depth this stage's input queue reached (never above queueCapacity); absent for the source. */
  queuePeak?: number;
}

export interface RunSummary {
  frames: number;
  passed: number;
  failed: number;
  errors: number;
  dropped: number;
  fps: number;
  latencyMs: { p50: number; p99: number };
  stages: StageSummary[];
  errorsByCode: Record<string, number>;
}

export interface RunHandle {
  /** Resolves when the source is exhausted, maxFrames reached, or stop() finished draining. */
  done: Promise<RunSummary>;
  /** Graceful stop: no new frames, in-flight frames finish, runners close. */
  stop(): Promise<RunSummary>;
  /** Live numbers while running. */
  summary(): RunSummary;
  onOutcome(listener: (outcome: FrameOutcome) => void): () => void;
}
