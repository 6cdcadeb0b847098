/**
 * `loupe validate <pipeline.json> [--base-dir dir] [--json]`: exit 0 and a short OK, or exit 1 and
 * `{"problems":[...]}`. Model files are read (from --base-dir, default the current folder), so a
 * missing model or one that does not fit its preprocessing is reported too.
 */
import { Command } from 'commander';
import { compileGraphFile } from '@/lib/compile-graph';
import { readGraphFile } from '@/lib/worker/read-graph-file';
import { failWithProblems, type CommandIo } from './io';

export function validateCommand(io: CommandIo): Command {
  return new Command('validate')
    .description('Check a pipeline file: structure, parameters, port types, model files')
    .argument('<pipeline.json>', 'the pipeline graph file')
    .option('--base-dir <dir>', 'relative paths in the pipeline resolve against this', process.cwd())
    .option('--json', 'print {"ok":true,...} as JSON when valid')
    .action(async (file: string, flags: { baseDir: string; json?: boolean }) => {
      const read = await readGraphFile(file);
      if ('problems' in read) return failWithProblems(io, read.problems);
      const compiled = await compileGraphFile(read.graph, { baseDir: flags.baseDir });
      if (!compiled.plan) return failWithProblems(io, compiled.problems);
      const { stages, models } = compiled.plan;
      if (flags.json) io.out(`${JSON.stringify({ ok: true, stages: stages.length, models: Object.keys(models).length, graphHash: compiled.plan.graphHash })}\n`);
      else io.out(`OK ${file}: ${stages.length} stages, ${Object.keys(models).length} model(s)\n`);
      io.exit(0);
    });
}
