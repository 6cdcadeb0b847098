/**
 * FP16 conversion of an ONNX model, in memory: weights and activations to float16, with the
 * blocked nodes (op types, node names, ops float16 cannot express) kept in float32 behind Casts.
 * Reference behaviour: onnxconverter-common's convert_float_to_float16, with two differences —
 * types come from our own inference (no shape inference pass needed), and a weight used only by
 * float32 nodes stays float32 instead of being rounded and cast back.
 */
import { problem, type Problem } from '@/lib/pipeline/problems';
import { classifyGraph } from './classify';
import { planTypes } from './demands';
import { inferElemTypes } from './elem-types';
import { loadModelForFp16 } from './load-model';
import { Fp16OptionsSchema, type Fp16OptionsInput } from './options';
import { elemTypeOf, FLOAT, FLOAT16, graphOf, nodeLabel, onnx, type GraphProto, type ModelProto } from './proto';
import type { Fp16Report, TensorIo } from './report';
import { rewriteGraph } from './rewrite';

export type Fp16Conversion = { ok: true; model: ModelProto; bytes: Uint8Array; report: Fp16Report } | { ok: false; problems: Problem[] };

/** Converts encoded model bytes (the model is decoded and vetted first). */
export function convertToFp16(input: Uint8Array | ModelProto, options: Fp16OptionsInput = {}): Fp16Conversion {
  const parsed = Fp16OptionsSchema.safeParse(options);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => problem('run.bad-options', `FP16 option ${i.path.join('.')}: ${i.message}`, { path: i.path as (string | number)[] })) };
  }
  const opts = parsed.data;
  // Re-decoding gives us a private copy to rewrite; the caller's model is left as it was.
  const before = input instanceof Uint8Array ? input : onnx.ModelProto.encode(input).finish();
  const loaded = loadModelForFp16(before);
  if (!loaded.ok) return loaded;
  const { model, opset } = loaded;
  const graph = graphOf(model);

  const types = inferElemTypes(graph);
  const roles = classifyGraph(graph, types, opts, opset);
  const unknownBlocks = opts.blockNodes.filter((n) => !graph.node.some((node) => node.name === n || node.output[0] === n));
  if (unknownBlocks.length > 0) {
    return { ok: false, problems: [problem('run.bad-options', `blockNodes names no node of this model: ${unknownBlocks.join(', ')}`, { path: ['blockNodes'] })] };
  }
  const plan = planTypes(graph, types, roles, opts.keepIoTypes);
  const blocked = graph.node.flatMap((node, k) => {
    const role = roles[k];
    return role.kind === 'block' ? [{ node: nodeLabel(node), opType: node.opType!, reason: role.reason }] : [];
  });
  const converted = roles.filter((r) => r.kind === 'convert').length;
  const total = graph.node.length;

  const stats = rewriteGraph(graph, roles, plan, opts);
  const bytes = onnx.ModelProto.encode(model).finish();
  const report: Fp16Report = {
    keepIoTypes: opts.keepIoTypes,
    nodes: { total, converted, keptFloat32: blocked.length },
    blocked,
    castsInserted: stats.casts,
    initializers: {
      converted: stats.initializersConverted,
      keptFloat32: stats.initializersKept,
      clampedLarge: stats.counts.clampedLarge,
      raisedTiny: stats.counts.raisedTiny,
    },
    inputs: ioTypes(graph.input.filter((i) => !graph.initializer.some((t) => t.name === i.name))),
    outputs: ioTypes(graph.output),
    sizeBytes: { before: before.length, after: bytes.length, ratio: bytes.length / before.length },
  };
  return { ok: true, model, bytes, report };
}

function ioTypes(list: GraphProto['input']): TensorIo[] {
  return list.map((vi) => {
    const t = elemTypeOf(vi);
    return { name: vi.name!, type: t === FLOAT ? 'float32' : t === FLOAT16 ? 'float16' : 'other' };
  });
}
