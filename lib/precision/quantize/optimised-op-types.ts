/**
 * What ONNX Runtime actually runs: the op types of the graph after its CPU optimiser (the same
 * pass a worker's session makes), read back from `optimizedModelFilePath`. The proof that a QDQ
 * model became integer kernels (QLinearConv, QGemm, …) rather than float ops with extra casts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { graphOf, onnx } from './proto';

export const INTEGER_KERNELS = ['QLinearConv', 'QGemm', 'QLinearMatMul', 'MatMulIntegerToFloat', 'ConvInteger', 'MatMulInteger', 'QLinearAdd', 'QLinearMul', 'QLinearConcat', 'QLinearAveragePool', 'QLinearGlobalAveragePool', 'QLinearSigmoid', 'QLinearLeakyRelu'];

/** Op type → count in ORT's optimised graph; level 'extended' keeps the standard NCHW layout. */
export async function optimisedOpTypes(model: Uint8Array, level: 'extended' | 'all' = 'extended'): Promise<Map<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-opt-'));
  try {
    const path = join(dir, 'optimised.onnx');
    const session = await ort.InferenceSession.create(model, { graphOptimizationLevel: level, optimizedModelFilePath: path, logSeverityLevel: 3 });
    await session.release();
    const counts = new Map<string, number>();
    for (const n of graphOf(onnx.ModelProto.decode(await readFile(path))).node) counts.set(n.opType!, (counts.get(n.opType!) ?? 0) + 1);
    return counts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Counts of the integer kernels only. */
export function integerKernels(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].filter(([op]) => INTEGER_KERNELS.includes(op)));
}
