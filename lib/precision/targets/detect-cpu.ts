/**
 * Which CPU profile this machine is: VNNI (AVX512-VNNI or AVX-VNNI) is what makes INT8 clearly
 * faster on x86. Read from /proc/cpuinfo on Linux; elsewhere unknown, so the plain CPU profile.
 */
import { readFileSync } from 'node:fs';
import type { TargetId } from './profiles';

export function cpuHasVnni(cpuinfo?: string): boolean {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return false;
    }
  }
  const flags = /^flags\s*:(.*)$/m.exec(text)?.[1].split(/\s+/) ?? [];
  return flags.includes('avx512_vnni') || flags.includes('avx_vnni');
}

/** The target this machine's CPU is: `cpu-vnni` or `cpu`. */
export function localCpuTarget(cpuinfo?: string): TargetId {
  return cpuHasVnni(cpuinfo) ? 'cpu-vnni' : 'cpu';
}
