/**
 * The metadata a model node and the compiler need, read from the ONNX file itself: the graph's
 * real inputs (old exporters also list initializers as inputs), outputs, shapes and types.
 */
import { createHash } from 'node:crypto';
import type { ModelInfo, TensorInfo } from '@/lib/pipeline/plan';
import { elemTypeName } from './elem-types';
import type { ModelProto, ValueInfoProto } from './proto';
import { readModel } from './read-model';

/** `label` names the file in error messages; `path` is recorded in the info. */
export function modelInfo(bytes: Uint8Array, path: string, label = path): ModelInfo {
  const model = readModel(bytes, `Model file "${label}"`);
  return modelInfoOf(model, bytes, path);
}

export function modelInfoOf(model: ModelProto, bytes: Uint8Array, path: string): ModelInfo {
  const graph = model.graph;
  const initializers = new Set((graph?.initializer ?? []).map((t) => t.name));
  return {
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    opset: defaultOpset(model),
    inputs: (graph?.input ?? []).filter((v) => !initializers.has(v.name)).map((v) => tensorInfo(v as ValueInfoProto)),
    outputs: (graph?.output ?? []).map((v) => tensorInfo(v as ValueInfoProto)),
  };
}

/** The opset of the default ('' or 'ai.onnx') domain; IR < 3 files have none and mean opset 1. */
export function defaultOpset(model: ModelProto): number {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? Number(entry.version) : 1;
}

export function tensorInfo(value: ValueInfoProto): TensorInfo {
  const type = value.type;
  const tensor = type?.tensorType ?? type?.sparseTensorType;
  if (!tensor) return { name: value.name, shape: [], type: nonTensorKind(value) };
  const dims = tensor.shape?.dim ?? [];
  const shape = dims.map((d) => {
    if (Object.prototype.hasOwnProperty.call(d, 'dimValue') && d.dimValue != null) return Number(d.dimValue);
    return d.dimParam ? d.dimParam : -1;
  });
  return { name: value.name, shape, type: elemTypeName(tensor.elemType) };
}

function nonTensorKind(value: ValueInfoProto): string {
  const t = value.type;
  if (t?.sequenceType) return 'sequence';
  if (t?.mapType) return 'map';
  if (t?.optionalType) return 'optional';
  return 'unknown';
}
