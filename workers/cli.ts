/** Entry of `npm run -s loupe -- <command>` (see cli-program.ts). */
import { runCli } from './cli-program';

process.exitCode = await runCli(process.argv.slice(2));
