/**
 * Decodes and vets a model for float16 conversion: an ONNX file we can rewrite in memory, with
 * weights inside the file and a default-domain opset whose float16 rules we know.
 */
import { problem, type Problem } from '@/lib/pipeline/problems';
import { graphOf, onnx, type GraphProto, type ModelProto } from './proto';

export const MIN_OPSET = 7;
export const MAX_OPSET = 23;

export type Loaded = { ok: true; model: ModelProto; opset: number } | { ok: false; problems: Problem[] };

export function loadModelForFp16(bytes: Uint8Array, path?: string): Loaded {
  const where = path ? ` (${path})` : '';
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    return fail(problem('model.not-onnx', `Not an ONNX model${where}: ${(err as Error).message}`));
  }
  if (!model.graph || !model.irVersion || graphOf(model).node.length === 0) {
    return fail(problem('model.not-onnx', `Not an ONNX model${where}: no graph, IR version or nodes`));
  }
  const opset = defaultOpset(model);
  if (opset === undefined) return fail(problem('model.unsupported', `The model${where} imports no default-domain (ai.onnx) opset`));
  if (opset < MIN_OPSET || opset > MAX_OPSET) {
    return fail(problem('model.unsupported', `Opset ${opset}${where} is outside the range FP16 conversion supports (${MIN_OPSET}–${MAX_OPSET})`));
  }
  const external = externalTensor(graphOf(model));
  if (external) {
    return fail(
      problem('model.unsupported', `Tensor "${external}"${where} keeps its data in an external file; external-data models are not supported — save the model with its weights inside`),
    );
  }
  if ((model.graph.sparseInitializer ?? []).length > 0) {
    return fail(problem('model.unsupported', `The model${where} has sparse initializers, which FP16 conversion does not support`));
  }
  return { ok: true, model, opset };
}

function fail(p: Problem): Loaded {
  return { ok: false, problems: [p] };
}

function defaultOpset(model: ModelProto): number | undefined {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? Number(entry.version) : undefined;
}

function externalTensor(graph: GraphProto): string | undefined {
  const EXTERNAL = onnx.TensorProto.DataLocation.EXTERNAL;
  for (const t of graph.initializer) if (t.dataLocation === EXTERNAL || t.externalData.length > 0) return t.name!;
  for (const node of graph.node) {
    for (const a of node.attribute) {
      if (a.t && (a.t.dataLocation === EXTERNAL || (a.t.externalData?.length ?? 0) > 0)) return a.t.name || node.name!;
      for (const g of [a.g, ...a.graphs]) {
        const inner = g ? externalTensor(g) : undefined;
        if (inner) return inner;
      }
    }
  }
  return undefined;
}
