/** Target profiles: VNNI detection from cpuinfo flags and the warnings attached to variants. */
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuHasVnni, localCpuTarget, precisionWarnings, TARGET_PROFILES, TargetId } from '@/lib/precision/targets';

const cpuinfo = (flags: string) => `processor\t: 0\nmodel name\t: test\nflags\t\t: fpu sse2 ${flags}\n\nprocessor\t: 1\n`;

describe('CPU detection', () => {
  it('given avx512_vnni or avx_vnni in the flags, when detected, then the target is cpu-vnni; avx2 alone is cpu', () => {
    expect(localCpuTarget(cpuinfo('avx2 avx512f avx512_vnni'))).toBe('cpu-vnni');
    expect(localCpuTarget(cpuinfo('avx2 avx_vnni'))).toBe('cpu-vnni');
    expect(localCpuTarget(cpuinfo('avx2 avx512f'))).toBe('cpu');
    expect(cpuHasVnni('')).toBe(false);
  });
  it.skipIf(!existsSync('/proc/cpuinfo'))('given this machine, when detected, then it agrees with /proc/cpuinfo', () => {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    expect(localCpuTarget()).toBe(/\b(avx512_vnni|avx_vnni)\b/.test(text) ? 'cpu-vnni' : 'cpu');
  });
});

describe('precision warnings per target', () => {
  it('given FP16 on either CPU profile or on wasm, when warned, then the warning says it computes in FP32', () => {
    for (const t of ['cpu', 'cpu-vnni'] as const) expect(precisionWarnings(t, 'fp16').join()).toMatch(/FP16 on CPU computes in FP32: .*expect no speed-up/);
    expect(precisionWarnings('wasm', 'fp16').join()).toMatch(/computes in FP32/);
  });
  it('given INT8 on CUDA or WebGPU, when warned, then it says the integer path is emulated; on TensorRT and CPU it is native', () => {
    expect(precisionWarnings('cuda', 'int8').join()).toMatch(/is emulated: .*slower than FP32/);
    expect(precisionWarnings('webgpu', 'int8').join()).toMatch(/emulated/);
    for (const t of ['tensorrt', 'cpu', 'cpu-vnni'] as const) expect(precisionWarnings(t, 'int8')).toEqual([]);
  });
  it('given a mixed model on CUDA, when warned, then the INT8 part is flagged; FP32 is never flagged', () => {
    expect(precisionWarnings('cuda', 'mixed')).toHaveLength(1);
    for (const t of TargetId.options) expect(precisionWarnings(t, 'fp32')).toEqual([]);
  });
  it('given every profile, when read, then each lists all three precisions in its speed order exactly once', () => {
    for (const t of TargetId.options) {
      const p = TARGET_PROFILES[t];
      expect(p.id).toBe(t);
      expect([...p.fastest].sort()).toEqual(['fp16', 'fp32', 'int8']);
      expect(p.precisions[p.fastest[0]].support).toBe('native');
    }
  });
});
