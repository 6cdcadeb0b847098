/** Tensors whose bytes live in files beside the model (ONNX "external data"), by name. */
import { forEachGraph } from './graph-walk';
import { onnx, type ModelProto, type TensorProto } from './proto';

export interface ExternalTensor {
  name: string;
  location: string;
}

export function externalDataTensors(model: ModelProto): ExternalTensor[] {
  const found: ExternalTensor[] = [];
  const check = (t: TensorProto | null | undefined): void => {
    if (!t) return;
    const entries = t.externalData ?? [];
    if (t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL && entries.length === 0) return;
    const location = entries.find((e) => e.key === 'location')?.value ?? '?';
    found.push({ name: t.name ?? '', location });
  };
  forEachGraph(model, (graph) => {
    for (const t of graph.initializer ?? []) check(t as TensorProto);
    for (const s of graph.sparseInitializer ?? []) check(s.values as TensorProto);
    for (const node of graph.node ?? []) {
      for (const a of node.attribute ?? []) {
        check(a.t as TensorProto | null);
        for (const t of a.tensors ?? []) check(t as TensorProto);
      }
    }
  });
  return found;
}
