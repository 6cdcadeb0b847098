/**
 * The `loupe` command line: validate and run pipelines headless, and the precision tools. Exit
 * codes: 0 ok, 1 invalid pipeline (problems as JSON on stdout), 2 usage.
 */
import { Command, CommanderError } from 'commander';
import { precisionFp16Command } from './commands/precision-fp16';
import { precisionEvalCommand } from './commands/precision-eval';
import { precisionInt8Command } from './commands/precision-int8';
import { precisionSearchCommand } from './commands/precision-search';
import { processIo, type CommandIo } from './commands/io';
import { runCommand } from './commands/run';
import { validateCommand } from './commands/validate';

export function buildCli(io: CommandIo = processIo): Command {
  const program = new Command('loupe')
    .description('Loupe: visual inspection pipelines on ONNX Runtime')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  program.addCommand(validateCommand(io));
  program.addCommand(runCommand(io));
  program.addCommand(new Command('precision').description('Make reduced-precision variants of a model')
    .addCommand(precisionFp16Command(io))
    .addCommand(precisionEvalCommand(io))
    .addCommand(precisionSearchCommand(io))
    .addCommand(precisionInt8Command(io)));
  inherit(program);
  return program;
}

/** addCommand does not pass exitOverride/output settings down; usage errors must not exit the test process. */
function inherit(parent: Command): void {
  for (const child of parent.commands) {
    child.copyInheritedSettings(parent);
    inherit(child);
  }
}

/** Runs the CLI on argv (without node and script); resolves with the exit code. */
export async function runCli(argv: string[], io: CommandIo = processIo): Promise<number> {
  let code = 0;
  const captured: CommandIo = { ...io, exit: (c) => (code = c) };
  try {
    await buildCli(captured).parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      return ok ? 0 : 2;
    }
    io.err(`loupe: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
