/**
 * Where a command writes and how it ends, so tests can run commands in-process. Same shape as the
 * CommandIo of precision-fp16.ts.
 */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Called with the exit code the command wants: 0 ok, 1 invalid pipeline or failed run, 2 usage. */
  exit: (code: number) => void;
}

export const processIo: CommandIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  exit: (code) => {
    process.exitCode = code;
  },
};

/** Prints problems as one JSON line on stdout (for tools) and exits 1. */
export function failWithProblems(io: CommandIo, problems: unknown[]): void {
  io.out(`${JSON.stringify({ problems })}\n`);
  io.exit(1);
}
