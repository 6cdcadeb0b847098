/**
 * Runs one `loupe` command as a child process: the lab stays decoupled from the commands'
 * internals and a crash or a runaway allocation in a conversion cannot take the web server down.
 * stderr is the job's log, except `{"progress":…}` lines (workers/commands/progress.ts); the
 * last line on stdout is the command's JSON result.
 */
import { spawn } from 'node:child_process';
import type { JobProgress } from '@/lib/db/types';

export interface ChildRun {
  /** Exit code; null when killed by a signal (then `signal` says which) or never started. */
  code: number | null;
  signal: string | null;
  /** The last non-empty stdout line, parsed; null when absent or not JSON. */
  result: Record<string, unknown> | null;
  log: string;
  /** Set when the process could not be started at all. */
  spawnError?: string;
}

export interface ChildOptions {
  command: string[];
  argv: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  onProgress?: (progress: JobProgress) => void;
  onLog?: (tail: string) => void;
  /** Characters of log kept (the tail). */
  logLimit?: number;
  /** Aborting stops the command: SIGTERM (tsx passes it on to the command), SIGKILL if it is still there after `killAfterMs`. */
  signal?: AbortSignal;
  killAfterMs?: number;
}

export function runCliChild(o: ChildOptions): Promise<ChildRun> {
  const limit = o.logLimit ?? 8000;
  let log = '';
  let stdout = '';
  let pending = '';
  const append = (text: string) => {
    log = (log + text).slice(-limit);
    o.onLog?.(log);
  };
  return new Promise((resolve) => {
    const child = spawn(o.command[0], [...o.command.slice(1), ...o.argv], {
      cwd: o.cwd,
      env: { ...process.env, ...o.env, LOUPE_PROGRESS: 'jsonl', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = (stdout + chunk).slice(-4_000_000);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      const plain = lines.filter((line) => !progressLine(line, o.onProgress));
      if (plain.length) append(`${plain.join('\n')}\n`);
    });
    let killer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      child.kill('SIGTERM');
      killer = setTimeout(() => child.kill('SIGKILL'), o.killAfterMs ?? 5000);
    };
    if (o.signal?.aborted) stop();
    else o.signal?.addEventListener('abort', stop, { once: true });
    child.on('error', (err) => resolve({ code: null, signal: null, result: null, log, spawnError: err.message }));
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      o.signal?.removeEventListener('abort', stop);
      if (pending && !progressLine(pending, o.onProgress)) append(pending);
      resolve({ code, signal, result: lastJsonLine(stdout), log });
    });
  });
}

function progressLine(line: string, onProgress?: (p: JobProgress) => void): boolean {
  if (!line.startsWith('{"progress"')) return false;
  try {
    const p = JSON.parse(line).progress;
    if (typeof p?.phase !== 'string' || !Number.isFinite(p.done) || !Number.isFinite(p.total)) return false;
    onProgress?.({ phase: p.phase, done: p.done, total: p.total });
    return true;
  } catch {
    return false;
  }
}

function lastJsonLine(stdout: string): Record<string, unknown> | null {
  const line = stdout.trim().split('\n').pop()?.trim();
  if (!line) return null;
  try {
    const value = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}
