/**
 * CPU time used by this process's main (JS) thread alone, from /proc on Linux. The bench uses it
 * to show what the pipeline's own JS work costs per frame, next to ONNX Runtime's threads; on
 * other systems the figure is left out. schedstat counts nanoseconds where the kernel keeps it;
 * stat's clock ticks (10 ms) are the fallback: over a 0.5 s slice of ~300 frames, one tick is
 * 0.03 ms a frame, as much as the figure's own changes.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export function mainThreadCpuMs(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const task = `/proc/self/task/${process.pid}`;
  try {
    // First field: nanoseconds this thread has run on a CPU.
    const ns = Number(readFileSync(`${task}/schedstat`, 'utf8').split(' ')[0]);
    if (Number.isFinite(ns) && ns > 0) return ns / 1e6;
  } catch {
    // No schedstat in this kernel: fall back to stat.
  }
  try {
    const stat = readFileSync(`${task}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: state is
    // field 3, utime field 14 and stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}
