/**
 * `npm start`: the whole product on one machine. Migrates and seeds the database (DATABASE_URL,
 * default file:./data/loupe.db), builds the web app when the build is missing or stale, then runs
 * `next start` (PORT, default 3000) and a worker for the demo line as child processes. Ctrl-C
 * stops both; if either dies the other is stopped and this exits non-zero.
 * `npm start -- --no-worker` runs the web app alone (workers elsewhere).
 */
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@/lib/db/client';
import { DEFAULT_DATABASE_URL, redact } from '@/lib/db/database-url';
import { migrate } from '@/lib/db/migrate';
import { ProblemError } from '@/lib/pipeline/problems';
import { DEMO_LINE, seedDemo } from './seed';
import { liveChildren, runChild, startChild } from './start/child';
import { buildReason } from './start/needs-build';
import { waitForHttp } from './start/wait-for-http';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const log = (message: string) => console.log(`[start] ${message}`);

process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const databaseUrl = (process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL);
const port = Number(process.env.PORT || 3000);
let stopping = false;

async function prepareDatabase(): Promise<void> {
  const { applied, alreadyApplied } = await migrate(databaseUrl);
  log(`database ${redact(databaseUrl)}: ${applied.length} migrations applied, ${alreadyApplied.length} already there`);
  const db = await openDatabase(databaseUrl, { migrate: false });
  try {
    const { line, pipeline, version } = await seedDemo(db);
    log(`"${line.name}" runs "${pipeline.name}" v${version.number}`);
  } finally {
    await db.close();
  }
}

function stop(exitCode: number): void {
  if (stopping) return;
  stopping = true;
  // Give the children a moment to finish, then go whatever they are doing.
  setTimeout(() => process.exit(exitCode), 15_000).unref();
  stopInReverse([...liveChildren]).then(() => process.exit(exitCode));
}

/**
 * Newest first: the worker stops while the web app still takes its last results (else they
 * would wait in the spool until the next start), then the web app.
 */
async function stopInReverse(live: ChildProcess[]): Promise<void> {
  for (const child of live.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // To the child itself, not its group: tsx passes it on to the script. Signalling the group
    // as well could reach the worker twice, which it takes as "exit now".
    child.kill('SIGTERM');
    await exited;
  }
}

function supervise(name: string, child: ChildProcess): ChildProcess {
  child.on('error', (error) => {
    console.error(`[start] ${name} could not start: ${error.message}`);
    stop(1);
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? `code ${code}`}); stopping`);
    stop(code || 1);
  });
  return child;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  await prepareDatabase();
  const reason = buildReason(root);
  if (reason) {
    log(`building the web app (${reason}); this takes a few minutes the first time`);
    const code = await runChild({ name: 'build', command: bin('next'), args: ['build'] });
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  }
  const web = supervise('web', startChild({ name: 'web', command: bin('next'), args: ['start', '-p', String(port)] }));
  const url = `http://localhost:${port}`;
  if (!(await waitForHttp(`http://127.0.0.1:${port}/api/health`, { timeoutMs: 120_000, watch: web }))) {
    if (!stopping) throw new Error(`the web app did not answer on ${url}/api/health`);
    return;
  }
  if (process.argv.includes('--no-worker')) {
    log(`Loupe is running: ${url}  (no worker; Ctrl-C stops it)`);
    return;
  }
  const env = { LOUPE_SERVER: process.env.LOUPE_SERVER ?? `http://127.0.0.1:${port}` };
  supervise('worker', startChild({ name: 'worker', command: bin('tsx'), args: ['workers/worker.ts', '--line', DEMO_LINE.name], env }));
  log(`Loupe is running: ${url}  (Ctrl-C stops it)`);
}

main().catch((error) => {
  console.error(`[start] ${error instanceof ProblemError ? JSON.stringify({ problems: error.problems }) : error instanceof Error ? error.message : error}`);
  stop(1);
});
