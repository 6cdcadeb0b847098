/**
 * Runs the lab's jobs: one at a time (conversions are CPU-bound; two at once would only make both
 * slower and skew an evaluation's timings), each as a `loupe precision …` child process, with its
 * progress and log tail written to the job row as they come. Jobs survive the server: at start,
 * rows still `running` belong to a process that is gone and are marked `interrupted`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '@/lib/db/client';
import type { JobProgress, PrecisionJobRecord } from '@/lib/db/types';
import { problem } from '@/lib/pipeline/problems';
import { type ChildRun, runCliChild } from './cli-child';
import { commandArgv } from './command-argv';
import { extractEvalReport, saveLabReport } from './eval-report-file';
import type { z } from 'zod';
import { parseWith } from '@/lib/http/handler';
import { JobRequest } from './job-request';
import { jobDir, type LabPaths } from './lab-paths';
import { findLabModel } from './list-models';
import { prepareJob } from './prepare-job';

export interface JobRunnerOptions {
  db: Database;
  paths: LabPaths;
  /** The `loupe` entry (default: this checkout's tsx running workers/cli.ts). */
  command?: string[];
  /** Least time between two progress writes of one job. */
  reportEveryMs?: number;
}

export interface JobRunner {
  /** Marks jobs left running by a previous server interrupted, then starts the queue; returns how many were interrupted. */
  start(): Promise<number>;
  /** Validates (ProblemError on bad input), queues and starts the queue. */
  submit(request: z.input<typeof JobRequest>): Promise<PrecisionJobRecord>;
  /** Resolves once the queue is empty and nothing runs. */
  idle(): Promise<void>;
}

export function createJobRunner(o: JobRunnerOptions): JobRunner {
  const command = o.command ?? [join(o.paths.cwd, 'node_modules', '.bin', 'tsx'), join(o.paths.cwd, 'workers', 'cli.ts')];
  let loop: Promise<void> | null = null;
  const kick = () => {
    loop ??= drain().finally(() => (loop = null));
  };
  async function drain(): Promise<void> {
    for (let job = await o.db.precisionJobs.claimNext(); job; job = await o.db.precisionJobs.claimNext()) {
      try {
        await runOne(o, command, job);
      } catch (err) {
        const message = `The lab could not run this job: ${err instanceof Error ? err.message : String(err)}`;
        await o.db.precisionJobs.finish(job.id, { status: 'failed', result: { ok: false, problems: [problem('internal', message)] }, logTail: '' });
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
    async idle() {
      while (loop) await loop;
    },
  };
}

async function runOne(o: JobRunnerOptions, command: string[], job: PrecisionJobRecord): Promise<void> {
  const fail = (message: string, logTail = '') =>
    o.db.precisionJobs.finish(job.id, { status: 'failed', result: { ok: false, problems: [problem('model.missing-file', message)] }, logTail });
  const model = findLabModel(o.paths, job.modelPath);
  if (!model) return void (await fail(`The model ${job.modelPath} is gone (moved or deleted since the job was queued)`));
  const dir = jobDir(o.paths, job.id);
  mkdirSync(dir, { recursive: true });
  const specFile = join(dir, 'input-spec.json');
  if ('input' in job.args) writeFileSync(specFile, JSON.stringify(job.args.input, null, 2));
  const argv = commandArgv(job, model, specFile);
  const out = typeof job.args.out === 'string' ? resolve(o.paths.cwd, job.args.out) : undefined;
  if (out) mkdirSync(resolve(out, '..'), { recursive: true });
  const header = `$ loupe ${argv.join(' ')}\n`;
  const reporter = throttledReporter(o, job.id, header);
  const run = await runCliChild({ command, argv, cwd: o.paths.cwd, onProgress: reporter.progress, onLog: reporter.log });
  await reporter.flush();
  const logTail = (header + run.log).slice(-8000);
  const outcome = judge(o, job, run, out, model);
  await o.db.precisionJobs.finish(job.id, { ...outcome, logTail });
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
