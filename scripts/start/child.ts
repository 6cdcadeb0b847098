/**
 * Child processes with their output prefixed line by line, so the app's and the worker's logs
 * can be told apart. Each child gets its own process group: a Ctrl-C in the terminal reaches only
 * the supervisor, which then stops each child exactly once (a worker treats a second signal as
 * "exit now, skip the graceful stop").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
}

const COLORS = [36, 35, 33, 32];
let next = 0;
/** Children not yet exited, so nothing outlives the supervisor. */
export const liveChildren = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of liveChildren) killGroup(child, 'SIGKILL');
});

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export function startChild({ name, command, args, env }: ChildSpec): ChildProcess {
  const color = COLORS[next++ % COLORS.length];
  const tag = process.stdout.isTTY ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  liveChildren.add(child);
  child.on('exit', () => liveChildren.delete(child));
  child.on('error', () => liveChildren.delete(child));
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
    createInterface({ input: stream! }).on('line', (line) => out.write(`${tag} ${line}\n`));
  }
  return child;
}

/** Runs a child to completion; resolves with its exit code (signals count as failure). */
export function runChild(spec: ChildSpec): Promise<number> {
  const child = startChild(spec);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`[${spec.name}] could not start: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
