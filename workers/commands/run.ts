/**
 * `loupe run <pipeline.json> [--frames N] [--json] [--backpressure block|drop] [--batch N]
 * [--threads N] [--streams N] [--db [url]] [--line name]`: compiles and runs a pipeline headless. With --json,
 * stdout is exactly one JSON line (logs go to stderr); without it, a table. Ctrl-C stops
 * gracefully and still prints the summary. Exit 0 ok (frame errors are counted, not fatal),
 * 1 invalid pipeline or a run that cannot start, 2 usage.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { compileGraphFile } from '@/lib/compile-graph';
import { ProblemError, problem, type Problem } from '@/lib/pipeline/problems';
import { messageOf } from '@/lib/pipeline/runtime/message-of';
import { runPlan } from '@/lib/pipeline/runtime/run-plan';
import type { ResultSink } from '@/lib/pipeline/runtime/services';
import { createConsoleLog } from '@/lib/runtime-node/console-log';
import { createNodeServices } from '@/lib/runtime-node/node-services';
import { CountingSink } from '@/lib/worker/counting-sink';
import { readGraphFile } from '@/lib/worker/read-graph-file';
import { failWithProblems, type CommandIo } from './io';
import { summaryJson, summaryTable } from './format-summary';
import { openDbSink, type DbSink } from './run-db';

interface RunFlags {
  frames: number;
  json?: boolean;
  backpressure: 'block' | 'drop';
  batch?: number;
  threads?: number;
  streams?: number;
  db?: string | true;
  line: string;
  baseDir: string;
  verbose?: boolean;
}

export const positiveInt = (name: string, min = 1) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
  return Number(value);
};

export function runCommand(io: CommandIo): Command {
  return new Command('run')
    .description('Run a pipeline headless and print throughput, latency and verdict counts')
    .argument('<pipeline.json>', 'the pipeline graph file')
    .option('--frames <n>', 'stop after n frames (0 = until the source ends or Ctrl-C)', positiveInt('--frames', 0), 0)
    .option('--json', 'print one JSON line on stdout')
    .addOption(new Option('--backpressure <policy>', 'when a trigger fires and the pipeline is full').choices(['block', 'drop']).default('block'))
    .option('--batch <n>', 'largest micro-batch for model stages', positiveInt('--batch'))
    .option('--threads <n>', 'ONNX Runtime intra-op threads', positiveInt('--threads'))
    .option('--streams <n>', 'inference sessions per model, side by side, sharing the threads (throughput mode; 1 = lowest latency)', positiveInt('--streams'))
    .option('--db [url]', 'log results to the database (default DATABASE_URL or file:./data/loupe.db); put it after the file')
    .option('--line <name>', 'line to log results under with --db', 'cli')
    .option('--base-dir <dir>', 'relative paths in the pipeline resolve against this', process.cwd())
    .option('--verbose', 'log run progress (info level) on stderr')
    .action((file: string, flags: RunFlags) => runFile(io, file, flags));
}

async function runFile(io: CommandIo, file: string, flags: RunFlags): Promise<void> {
  const read = await readGraphFile(file);
  if ('problems' in read) return failWithProblems(io, read.problems);
  const compiled = await compileGraphFile(read.graph, { baseDir: flags.baseDir });
  if (!compiled.plan) return failWithProblems(io, compiled.problems);

  let db: DbSink | undefined;
  let sink: ResultSink = new CountingSink();
  if (flags.db !== undefined) {
    try {
      db = await openDbSink({ url: flags.db === true ? undefined : flags.db, line: flags.line, file, graph: read.graph });
    } catch (err) {
      return failWithProblems(io, problemsOf(err, 'db.unreachable'));
    }
    sink = db.writer;
  }

  const log = createConsoleLog({ level: process.env.LOUPE_LOG_LEVEL ?? (flags.verbose ? 'info' : 'warn') });
  const services = createNodeServices({ results: sink, log });
  let failure: Problem[] | undefined;
  let summary;
  const onSignal = () => void handle?.stop();
  let handle: ReturnType<typeof runPlan> | undefined;
  try {
    handle = runPlan(compiled.plan, services, { maxFrames: flags.frames, backpressure: flags.backpressure, maxBatch: flags.batch, intraOpThreads: flags.threads, streams: flags.streams });
    process.once('SIGINT', onSignal);
    summary = await handle.done;
  } catch (err) {
    failure = problemsOf(err, 'plan.invalid');
  } finally {
    process.off('SIGINT', onSignal);
  }
  try {
    await db?.close();
  } catch (err) {
    failure = [...(failure ?? []), ...problemsOf(err, 'db.unreachable')];
  }
  if (failure || !summary) return failWithProblems(io, failure ?? [problem('internal', 'the run ended without a summary')]);
  io.out(flags.json ? `${summaryJson(summary)}\n` : summaryTable(summary));
  io.exit(0);
}

function problemsOf(err: unknown, code: Problem['code']): Problem[] {
  return err instanceof ProblemError ? err.problems : [problem(code, messageOf(err))];
}
