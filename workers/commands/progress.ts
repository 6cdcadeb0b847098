/**
 * How a long command tells how far it is. With LOUPE_PROGRESS=jsonl (set by the Precision Lab's
 * job runner) it writes `{"progress":{"phase","done","total"}}` lines on stderr, which the runner
 * parses; on a terminal it redraws one `phase done/total` line; otherwise (piped, --json) nothing.
 */
import type { CommandIo } from './io';

export interface ProgressReporter {
  /** True when reports go anywhere: callers may skip work that only feeds progress. */
  readonly active: boolean;
  report(phase: string, done: number, total: number): void;
  /** Ends the terminal line; no-op otherwise. */
  end(): void;
}

export function createProgress(io: Pick<CommandIo, 'err'>, options: { json?: boolean; env?: Record<string, string | undefined>; tty?: boolean } = {}): ProgressReporter {
  const env = options.env ?? process.env;
  if (env.LOUPE_PROGRESS === 'jsonl') {
    return {
      active: true,
      report: (phase, done, total) => io.err(`${JSON.stringify({ progress: { phase, done, total } })}\n`),
      end: () => {},
    };
  }
  const tty = !options.json && (options.tty ?? !!process.stderr.isTTY);
  if (!tty) return { active: false, report: () => {}, end: () => {} };
  let drawn = false;
  return {
    active: true,
    report(phase, done, total) {
      drawn = true;
      io.err(`\r${phase} ${done}/${total}\x1b[K`);
    },
    end() {
      if (drawn) io.err('\n');
      drawn = false;
    },
  };
}
