/**
 * A worker bound to one line: it finds the line, runs whatever pipeline version is deployed there,
 * switches when the deployment changes (stop and drain the old run, then start the new one),
 * reports results through the HTTP reporter (spooling while the server is away) and beats a
 * heartbeat. A broken graph or a failing run puts the worker in the `error` state, with the
 * problems in its heartbeat, until the next deployment; it never exits on its own.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { DeploymentResponse, WorkerStatus } from '@/lib/api/schemas';
import { compileGraphFile } from '@/lib/compile-graph';
import type { ResultWriter } from '@/lib/db/result-writer';
import { ProblemError, problem, type Problem } from '@/lib/pipeline/problems';
import { messageOf } from '@/lib/pipeline/runtime/message-of';
import { runPlan } from '@/lib/pipeline/runtime/run-plan';
import type { RunHandle } from '@/lib/pipeline/runtime/run-types';
import type { InferenceEngine, RuntimeServices } from '@/lib/pipeline/runtime/services';
import { createNodeServices } from '@/lib/runtime-node/node-services';
import { createTriggerHub, type FiringTriggerHub } from '@/lib/runtime-node/trigger-hub';
import { watchDeployment, type DeploymentWatch } from './deployment-watch';
import { startHeartbeat, type Heartbeat } from './heartbeat';
import { HttpReporter } from './http-reporter';
import { resolveLine } from './resolve-line';
import { startTriggerServer, type TriggerServer } from './trigger-server';

export const lineWorkerOptionsSchema = z
  .object({
    server: z.url(),
    /** Line id or name. */
    line: z.string().min(1),
    workerId: z.string().min(1).max(200),
    /** Default ./data/spool/<line id>. */
    spoolDir: z.string().min(1).optional(),
    /** Relative paths in graphs (models, folders) resolve against this. */
    baseDir: z.string().min(1),
    target: z.string().default('cpu'),
    pollMs: z.number().int().min(50).default(2_000),
    heartbeatMs: z.number().int().min(50).default(5_000),
    /** A camera does not wait for a busy pipeline: by default frames are dropped (and counted). */
    backpressure: z.enum(['block', 'drop']).default('drop'),
    maxBatch: z.number().int().min(1).max(256).optional(),
    threads: z.number().int().min(1).max(256).optional(),
    /** Inference sessions per model stage, sharing the threads (see the runtime's `streams`). */
    streams: z.number().int().min(1).max(8).default(1),
    /** Port for POST /trigger/:name (trigger.http nodes); absent = no trigger endpoint. */
    triggerPort: z.number().int().min(0).max(65_535).optional(),
    /** How long shutdown waits for the server to take the last results before spooling them. */
    drainMs: z.number().int().min(0).default(5_000),
    /** Results per POST and the longest a result waits for its batch. */
    batchRecords: z.number().int().min(1).max(10_000).default(500),
    batchDelayMs: z.number().int().min(0).default(250),
  })
  .strict();
export type LineWorkerOptions = z.input<typeof lineWorkerOptionsSchema>;

interface CurrentRun {
  deployment: DeploymentResponse;
  runId: string;
  handle: RunHandle;
  writer: ResultWriter;
}

export class LineWorker {
  private readonly options: z.output<typeof lineWorkerOptionsSchema>;
  private readonly hub: FiringTriggerHub = createTriggerHub();
  private readonly aborted = new AbortController();
  private state: WorkerStatus['state'] = 'starting';
  private problems: Problem[] = [];
  private lineId: string | undefined;
  private reporter: HttpReporter | undefined;
  private heartbeat: Heartbeat | undefined;
  private watch: DeploymentWatch | undefined;
  private triggerServer: TriggerServer | undefined;
  private run: CurrentRun | undefined;
  private deploymentId: string | null = null;

  constructor(
    options: LineWorkerOptions,
    private readonly log: RuntimeServices['log'],
    private readonly engine?: InferenceEngine,
  ) {
    this.options = lineWorkerOptionsSchema.parse(options);
  }

  /** Resolves once the worker serves its line (after waiting for the server if need be). */
  async start(): Promise<void> {
    const { server } = this.options;
    const line = await resolveLine(server, this.options.line, this.log, this.aborted.signal);
    if (!line) return;
    if ('problem' in line) throw new ProblemError([line.problem]);
    this.lineId = line.id;
    const spoolDir = this.options.spoolDir ?? join(this.options.baseDir, 'data', 'spool', line.id.replace(/[^A-Za-z0-9._-]/g, '_'));
    this.reporter = new HttpReporter({ server, spoolDir }, this.log);
    if (this.options.triggerPort !== undefined) {
      this.triggerServer = await startTriggerServer(this.hub, { port: this.options.triggerPort });
      this.log('info', `software triggers: POST http://127.0.0.1:${this.triggerServer.port}/trigger/<name>`);
    }
    this.log('info', `worker ${this.options.workerId} serves line "${line.name}" (${line.id}) from ${server}`, { spoolDir });
    this.state = 'idle';
    this.heartbeat = startHeartbeat({ server, workerId: this.options.workerId, lineId: line.id, intervalMs: this.options.heartbeatMs, status: () => this.status(), log: this.log });
    this.watch = watchDeployment({ server, lineId: line.id, intervalMs: this.options.pollMs, onChange: (d) => this.switchTo(d), log: this.log });
  }

  /** The trigger endpoint's port, when one was asked for (0 picks a free one). */
  get triggerPort(): number | undefined {
    return this.triggerServer?.port;
  }

  status(): WorkerStatus {
    const summary = this.run?.handle.summary();
    const reporter = this.reporter?.status();
    return {
      state: this.state,
      frames: summary?.frames ?? 0,
      fps: summary?.fps ?? 0,
      errors: summary?.errors ?? 0,
      dropped: summary?.dropped ?? 0,
      spooled: reporter?.spooled ?? 0,
      deploymentId: this.deploymentId,
      pending: reporter?.pending ?? 0,
      ...(this.problems.length ? { problems: this.problems } : {}),
    };
  }

  /** Graceful stop: no new frames, in-flight frames finish, results delivered or spooled, last beat. */
  async stop(): Promise<void> {
    this.aborted.abort();
    this.state = 'stopping';
    await this.watch?.stop();
    await this.stopRun();
    await this.reporter?.close(this.options.drainMs);
    this.state = 'stopped';
    await this.heartbeat?.stop();
    await this.triggerServer?.close();
  }

  private async switchTo(deployment: DeploymentResponse | null): Promise<void> {
    if (this.aborted.signal.aborted) return;
    await this.stopRun();
    this.deploymentId = deployment?.deploymentId ?? null;
    this.problems = [];
    if (!deployment) {
      this.state = 'idle';
      this.log('info', 'nothing is deployed on this line; waiting for a deployment');
      return;
    }
    this.log('info', `starting deployment ${deployment.deploymentId} (version ${deployment.versionId})`);
    const compiled = await compileGraphFile(deployment.graph, { baseDir: this.options.baseDir, target: this.options.target });
    if (!compiled.plan) return this.fail(compiled.problems, `deployment ${deployment.deploymentId} cannot run`);
    const runId = randomUUID();
    const writer = this.reporter!.sinkFor(
      { workerId: this.options.workerId, lineId: this.lineId!, deploymentId: deployment.deploymentId, versionId: deployment.versionId, runId },
      { maxRecords: this.options.batchRecords, maxDelayMs: this.options.batchDelayMs },
    );
    const services = createNodeServices({ results: writer, triggers: this.hub, engine: this.engine, log: this.log });
    let handle: RunHandle;
    try {
      handle = runPlan(compiled.plan, services, { backpressure: this.options.backpressure, maxBatch: this.options.maxBatch, intraOpThreads: this.options.threads, streams: this.options.streams });
    } catch (err) {
      return this.fail(problemsOf(err), `deployment ${deployment.deploymentId} cannot run`);
    }
    const run: CurrentRun = { deployment, runId, handle, writer };
    this.run = run;
    this.state = 'running';
    void this.heartbeat?.beat();
    handle.done.then(
      (summary) => {
        if (this.run !== run) return;
        this.state = 'idle';
        this.log('info', `the run of deployment ${deployment.deploymentId} ended (its source has no more frames)`, { frames: summary.frames });
      },
      (err: unknown) => {
        if (this.run !== run) return;
        this.fail(problemsOf(err), `the run of deployment ${deployment.deploymentId} failed`);
      },
    );
  }

  private async stopRun(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    const summary = await run.handle.stop().catch(() => run.handle.summary());
    try {
      await run.writer.close();
    } catch (err) {
      this.log('error', `results of run ${run.runId} could not be handed to the reporter: ${messageOf(err)}`, { pending: run.writer.pending().length });
    }
    this.log('info', `stopped deployment ${run.deployment.deploymentId}`, { frames: summary.frames, passed: summary.passed, failed: summary.failed, errors: summary.errors, dropped: summary.dropped });
  }

  private fail(problems: Problem[], what: string): void {
    this.state = 'error';
    this.problems = problems;
    this.log('error', `${what}: ${problems.map((p) => `${p.code}: ${p.message}`).join('; ')}`, { problems });
    void this.heartbeat?.beat();
  }
}

function problemsOf(err: unknown): Problem[] {
  return err instanceof ProblemError ? err.problems : [problem('internal', messageOf(err))];
}
