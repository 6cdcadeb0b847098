/**
 * `npm run worker -- --line <id or name>`: the long-running worker process for one line (see
 * lib/worker/line-worker.ts). SIGINT/SIGTERM stop it gracefully — no new frames, in-flight frames
 * finish, results go to the server or the local spool — and it exits 0; a second signal exits at
 * once. Logs are JSON lines on stderr.
 */
import { hostname } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { ProblemError } from '@/lib/pipeline/problems';
import { messageOf } from '@/lib/pipeline/runtime/message-of';
import { createConsoleLog } from '@/lib/runtime-node/console-log';
import { LineWorker, lineWorkerOptionsSchema } from '@/lib/worker/line-worker';

const int = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return Number(value);
};

const program = new Command('worker')
  .description('Run the pipeline deployed on a line, report results and heartbeats to the Loupe server')
  .option('--line <idOrName>', 'the line to serve (env LOUPE_LINE)', process.env.LOUPE_LINE)
  .option('--server <url>', 'Loupe server (env LOUPE_SERVER)', process.env.LOUPE_SERVER ?? `http://127.0.0.1:${process.env.PORT || 3000}`)
  .option('--worker-id <id>', 'this worker\'s id (default <host>:<line>, stable across restarts)', process.env.LOUPE_WORKER_ID)
  .option('--spool-dir <dir>', 'where results wait while the server is away (env LOUPE_SPOOL_DIR; default ./data/spool/<line>)', process.env.LOUPE_SPOOL_DIR)
  .option('--base-dir <dir>', 'relative paths in pipelines resolve against this', process.cwd())
  .option('--backpressure <policy>', 'block or drop frames when the pipeline is busy', 'drop')
  .option('--batch <n>', 'largest micro-batch for model stages', int('--batch'))
  .option('--threads <n>', 'ONNX Runtime intra-op threads', int('--threads'))
  .option('--streams <n>', 'inference sessions per model, side by side, sharing the threads (throughput mode; 1 = lowest latency)', int('--streams'))
  .option('--poll-ms <ms>', 'how often to check the line\'s deployment', int('--poll-ms'), 2000)
  .option('--heartbeat-ms <ms>', 'how often to send a heartbeat', int('--heartbeat-ms'), 5000)
  .option('--trigger-port <port>', 'serve POST /trigger/<name> for software triggers on this port', int('--trigger-port'))
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

program.parse();
const flags = program.opts<{
  line?: string; server: string; workerId?: string; spoolDir?: string; baseDir: string; backpressure: string;
  batch?: number; threads?: number; streams?: number; pollMs: number; heartbeatMs: number; triggerPort?: number;
}>();
const log = createConsoleLog();

if (!flags.line) {
  process.stderr.write('worker: say which line to serve: --line <id or name> (or LOUPE_LINE)\n');
  process.exit(2);
}
const parsed = lineWorkerOptionsSchema.safeParse({
  server: flags.server,
  line: flags.line,
  workerId: flags.workerId ?? `${hostname()}:${flags.line}`,
  spoolDir: flags.spoolDir,
  baseDir: flags.baseDir,
  backpressure: flags.backpressure,
  maxBatch: flags.batch,
  threads: flags.threads,
  streams: flags.streams,
  pollMs: flags.pollMs,
  heartbeatMs: flags.heartbeatMs,
  triggerPort: flags.triggerPort,
});
if (!parsed.success) {
  process.stderr.write(`worker: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
  process.exit(2);
}

const worker = new LineWorker(parsed.data, log);
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) {
    log('warn', `${signal} again: exiting now`);
    process.exit(130);
  }
  stopping = true;
  log('info', `${signal}: stopping gracefully`);
  worker.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      log('error', `shutdown failed: ${messageOf(err)}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

worker.start().catch((err: unknown) => {
  const problems = err instanceof ProblemError ? err.problems : undefined;
  log('error', `worker cannot start: ${messageOf(err)}`, problems ? { problems } : undefined);
  process.exit(1);
});
