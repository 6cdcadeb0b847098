/**
 * The run's counters and timings. Every frame that comes out of the source ends here exactly
 * once: completed (pass, fail or error) or dropped.
 */
import type { BoundedQueue } from './bounded-queue';
import type { Flight } from './flight';
import { LatencyRecorder } from './percentiles';
import type { FrameOutcome, RunSummary } from './run-types';
import type { RuntimeServices } from './services';

interface StageStats {
  id: string;
  kind: string;
  times: LatencyRecorder;
  queue?: BoundedQueue<Flight>;
}

export class RunStats {
  private frames = 0;
  private passed = 0;
  private failed = 0;
  private errors = 0;
  private dropped = 0;
  private readonly errorsByCode: Record<string, number> = {};
  private readonly latency = new LatencyRecorder();
  private readonly stages = new Map<string, StageStats>();
  private readonly listeners = new Set<(outcome: FrameOutcome) => void>();
  private firstEnteredAt?: number;
  private endedAt?: number;

  constructor(
    private readonly services: RuntimeServices,
    stages: { id: string; kind: string; queue?: BoundedQueue<Flight> }[],
  ) {
    for (const s of stages) this.stages.set(s.id, { ...s, times: new LatencyRecorder() });
  }

  entered(at: number): void {
    this.firstEnteredAt ??= at;
  }

  stageTime(flight: Flight, stageId: string, ms: number): void {
    flight.stageMs[stageId] = ms;
    this.stages.get(stageId)?.times.record(ms);
  }

  dropFrame(): void {
    this.dropped++;
  }

  /** The frame left the last stage: decide its verdict, count it and tell the listeners. */
  complete(flight: Flight): void {
    const latencyMs = this.services.now() - flight.enteredAt;
    const error = flight.info.error;
    const verdict = error ? 'error' : flight.verdict && !flight.verdict.pass ? 'fail' : 'pass';
    this.frames++;
    this.latency.record(latencyMs);
    if (verdict === 'pass') this.passed++;
    else if (verdict === 'fail') this.failed++;
    else {
      this.errors++;
      this.errorsByCode[error!.code] = (this.errorsByCode[error!.code] ?? 0) + 1;
    }
    const outcome: FrameOutcome = { info: flight.info, verdict, latencyMs, stageMs: flight.stageMs };
    if (flight.verdict) outcome.detail = flight.verdict;
    if (error) outcome.error = error;
    for (const listener of this.listeners) {
      try {
        listener(outcome);
      } catch (err) {
        // A faulty listener must not stop the line.
        this.services.log('error', 'an outcome listener threw', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  onOutcome(listener: (outcome: FrameOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called once the last frame has left: fps is then frozen at the run's own duration. */
  end(): void {
    this.endedAt ??= this.services.now();
  }

  summary(): RunSummary {
    const seconds = this.firstEnteredAt === undefined ? 0 : ((this.endedAt ?? this.services.now()) - this.firstEnteredAt) / 1000;
    return {
      frames: this.frames,
      passed: this.passed,
      failed: this.failed,
      errors: this.errors,
      dropped: this.dropped,
      fps: seconds > 0 ? this.frames / seconds : 0,
      latencyMs: this.latency.summary(),
      stages: [...this.stages.values()].map((s) => {
        const { p50, p99 } = s.times.summary();
        return { id: s.id, kind: s.kind, p50Ms: p50, p99Ms: p99, frames: s.times.count, ...(s.queue ? { queuePeak: s.queue.peak } : {}) };
      }),
      errorsByCode: { ...this.errorsByCode },
    };
  }
}
