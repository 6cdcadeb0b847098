/**
 * Runs the lab's jobs: one at a time (conversions are CPU-bound; two at once would only make both
 * slower and skew an evaluation's timings), each as a `loupe precision …` child process, with its
 * progress and log tail written to the job row as they come. Jobs survive the server: at start,
 * rows still `running` belong to a process that is gone and are marked `interrupted`. A job that
 * writes a model writes it to a scratch file in its job folder, moved into place only when the job
 * succeeds: a failed or cancelled run never replaces the variant an earlier run made.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Database } from '@/lib/db/client';
import type { JobProgress, PrecisionJobRecord } from '@/lib/db/types';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import { type ChildRun, runCliChild } from './cli-child';
import { commandArgv } from './command-argv';
import { extractEvalReport, saveLabReport } from './eval-report-file';
import type { z } from 'zod';
import { parseWith } from '@/lib/http/handler';
import { JobRequest } from './job-request';
import { jobDir, type LabPaths } from './lab-paths';
import { findLabModel } from './list-models';
import { prepareJob } from './prepare-job';
import { createRunningJobs, type RunningJobs } from './running-jobs';

export interface JobRunnerOptions {
  db: Database;
  paths: LabPaths;
  /** The `loupe` entry (default: this checkout's tsx running workers/cli.ts). */
  command?: string[];
  /** Least time between two progress writes of one job. */
  reportEveryMs?: number;
  /** How long cancel() waits for a running command to stop (it is killed after 5 s). */
  cancelWaitMs?: number;
}

export interface JobRunner {
  /** Marks jobs left running by a previous server interrupted, then starts the queue; returns how many were interrupted. */
  start(): Promise<number>;
  /** Validates (ProblemError on bad input), queues and starts the queue. */
  submit(request: z.input<typeof JobRequest>): Promise<PrecisionJobRecord>;
  /**
   * Cancels a queued job, or stops a running one's command; resolves with the job once it is
   * `cancelled`. ProblemError request.not-found / request.conflict (it has already ended).
   */
  cancel(id: string): Promise<PrecisionJobRecord>;
  /** Resolves once the queue is empty and nothing runs. */
  idle(): Promise<void>;
}

export function createJobRunner(o: JobRunnerOptions): JobRunner {
  const command = o.command ?? [join(o.paths.cwd, 'node_modules', '.bin', 'tsx'), join(o.paths.cwd, 'workers', 'cli.ts')];
  let loop: Promise<void> | null = null;
  const running = createRunningJobs();
  const kick = () => {
    loop ??= drain().finally(() => (loop = null));
  };
  async function drain(): Promise<void> {
    for (let job = await o.db.precisionJobs.claimNext(); job; job = await o.db.precisionJobs.claimNext()) {
      const run = running.begin(job.id);
      try {
        await runOne(o, command, job, run.signal);
      } catch (err) {
        const message = `The lab could not run this job: ${err instanceof Error ? err.message : String(err)}`;
        await o.db.precisionJobs.finish(job.id, { status: 'failed', result: { ok: false, problems: [problem('internal', message)] }, logTail: '' });
      } finally {
        run.end();
      }
    }
  }
  return {
    async start() {
      const interrupted = await o.db.precisionJobs.interruptRunning();
      kick();
      return interrupted;
    },
    async submit(request) {
      const job = await o.db.precisionJobs.create(await prepareJob(o.paths, parseWith(JobRequest, request)));
      kick();
      return job;
    },
    cancel: (id) => cancelJob(o, running, id),
    async idle() {
      while (loop) await loop;
    },
  };
}

async function cancelJob(o: JobRunnerOptions, running: RunningJobs, id: string): Promise<PrecisionJobRecord> {
  let job = await o.db.precisionJobs.get(id);
  if (!job) throw new ProblemError([problem('request.not-found', `No precision job with id ${id}`)]);
  if (job.status === 'queued') {
    if (await o.db.precisionJobs.cancelQueued(id)) return (await o.db.precisionJobs.get(id))!;
    // Claimed between the two reads: it is running now, or already over.
    job = (await o.db.precisionJobs.get(id))!;
  }
  if (job.status !== 'running') throw new ProblemError([problem('request.conflict', `Job ${id} has already ended (${job.status}); there is nothing to cancel`)]);
  if (!(await running.cancel(id, o.cancelWaitMs ?? 15_000))) {
    throw new ProblemError([problem('request.conflict', `Job ${id} is not running in this server process, so it cannot be stopped from here`)]);
  }
  return (await o.db.precisionJobs.get(id))!;
}

async function runOne(o: JobRunnerOptions, command: string[], job: PrecisionJobRecord, signal: AbortSignal): Promise<void> {
  const fail = (message: string, logTail = '') =>
    o.db.precisionJobs.finish(job.id, { status: 'failed', result: { ok: false, problems: [problem('model.missing-file', message)] }, logTail });
  const model = findLabModel(o.paths, job.modelPath);
  if (!model) return void (await fail(`The model ${job.modelPath} is gone (moved or deleted since the job was queued)`));
  const dir = jobDir(o.paths, job.id);
  mkdirSync(dir, { recursive: true });
  const specFile = join(dir, 'input-spec.json');
  if ('input' in job.args) writeFileSync(specFile, JSON.stringify(job.args.input, null, 2));
  const out = typeof job.args.out === 'string' ? resolve(o.paths.cwd, job.args.out) : undefined;
  const scratch = out && join(dir, basename(out));
  if (scratch) rmSync(scratch, { force: true });
  const argv = commandArgv(job, model, specFile, scratch);
  const header = `$ loupe ${argv.join(' ')}\n`;
  const reporter = throttledReporter(o, job.id, header);
  const run = await runCliChild({ command, argv, cwd: o.paths.cwd, onProgress: reporter.progress, onLog: reporter.log, signal });
  await reporter.flush();
  const logTail = (header + run.log).slice(-8000);
  if (signal.aborted) {
    if (scratch) rmSync(scratch, { force: true });
    // How the command ended: a signal, or its exit code when it finished before the signal reached it.
    const ended = run.signal ?? run.code;
    return void (await o.db.precisionJobs.finish(job.id, { status: 'cancelled', result: { ok: false, cancelled: true, ended }, logTail: `${logTail}\n(cancelled)` }));
  }
  const outcome = judge(o, job, run, scratch, model);
  if (outcome.status === 'done' && out && scratch) {
    moveInto(scratch, out);
    outcome.result = { ...outcome.result, out: job.args.out };
  }
  await o.db.precisionJobs.finish(job.id, { ...outcome, logTail });
}

/** Replaces `to` with `from` (a rename; a copy when they are on different file systems). */
function moveInto(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

function judge(o: JobRunnerOptions, job: PrecisionJobRecord, run: ChildRun, out: string | undefined, model: NonNullable<ReturnType<typeof findLabModel>>) {
  const failed = (result: Record<string, unknown>) => ({ status: 'failed' as const, result });
  const ended = run.spawnError ? `could not start (${run.spawnError})` : run.signal ? `was killed (${run.signal})` : `exited with code ${run.code}`;
  if (!run.result) return failed({ ok: false, problems: [problem('internal', `loupe precision ${job.kind} ${ended} and printed no JSON result; see the log`)] });
  if (run.code !== 0 || Array.isArray(run.result.problems) || run.result.ok === false) {
    return failed(Array.isArray(run.result.problems) ? run.result : { ...run.result, problems: [problem('internal', `loupe precision ${job.kind} ${ended}; see the log`)] });
  }
  if (out && !existsSync(out)) return failed({ ...run.result, ok: false, problems: [problem('internal', `loupe precision ${job.kind} reported success but wrote no ${job.args.out}`)] });
  if (job.kind !== 'eval') return { status: 'done' as const, result: run.result };
  const report = extractEvalReport(run.result);
  if (!report) return failed({ ok: false, problems: [problem('internal', 'loupe precision eval printed no EvalReport (lib/precision/evaluate/report-schema.ts) in its JSON line')] });
  return { status: 'done' as const, result: { ok: true, report, savedTo: saveLabReport(o.paths, model, report) } };
}

/** Progress and log writes, at most one per interval per job and never two at once. */
function throttledReporter(o: JobRunnerOptions, id: string, header: string) {
  const every = o.reportEveryMs ?? 500;
  let latest: { progress?: JobProgress; logTail?: string } = { logTail: header };
  let last = 0;
  let chain: Promise<void> = Promise.resolve();
  const write = (force: boolean) => {
    if (!force && Date.now() - last < every) return;
    last = Date.now();
    const update = latest;
    latest = {};
    if (update.progress === undefined && update.logTail === undefined) return;
    chain = chain.then(() => o.db.precisionJobs.report(id, update)).catch(() => {});
  };
  write(true);
  return {
    progress: (p: JobProgress) => {
      latest.progress = p;
      write(false);
    },
    log: (tail: string) => {
      latest.logTail = (header + tail).slice(-8000);
      write(false);
    },
    flush: async () => {
      write(true);
      await chain;
    },
  };
}
