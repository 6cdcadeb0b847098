/**
 * A small structured logger: one JSON line per entry on stderr (stdout stays free for the CLI's
 * --json output), at LOUPE_LOG_LEVEL or above (default info).
 */
import type { RuntimeServices } from '../pipeline/runtime/services';

type Level = Parameters<RuntimeServices['log']>[0];
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createConsoleLog(
  options: { level?: string; write?: (line: string) => void } = {},
): RuntimeServices['log'] {
  const wanted = (options.level ?? process.env.LOUPE_LOG_LEVEL ?? 'info').toLowerCase();
  const min = RANK[wanted as Level] ?? RANK.info;
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  return (level, message, data) => {
    if (RANK[level] < min) return;
    const entry = { time: new Date().toISOString(), level, msg: message };
    let line: string;
    try {
      line = JSON.stringify({ ...entry, ...data });
    } catch {
      // Logging must never throw into a stage: data that cannot be serialised is left out.
      line = JSON.stringify({ ...entry, dataError: 'unserialisable data' });
    }
    write(`${line}\n`);
  };
}
