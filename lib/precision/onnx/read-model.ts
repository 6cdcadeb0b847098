/**
 * Decodes untrusted bytes into an ONNX ModelProto, or throws a ProblemError that says what the
 * file is instead (empty, an image, text, truncated…). protobufjs alone would turn many such
 * files into a garbage model, so the bytes are first walked strictly and then checked for what
 * every ONNX model has: an IR version, a graph and (IR ≥ 3) an opset.
 */
import { ProblemError, problem } from '@/lib/pipeline/problems';
import { externalDataTensors } from './external-data';
import { onnx, type ModelProto } from './proto';
import { sniffFileKind } from './sniff';
import { recordWireNotes } from './wire-notes';
import { wireFields } from './wire-reader';

export function readModel(bytes: Uint8Array, label = 'The model file'): ModelProto {
  const fail = (why: string): never => {
    throw new ProblemError([problem('model.not-onnx', `${label} is not an ONNX model: ${why}`)]);
  };
  if (bytes.length === 0) fail('the file is empty (0 bytes)');
  // A recognisable other format is the clearest explanation; otherwise say what broke.
  const kind = sniffFileKind(bytes);
  const explain = (detail: string) => (kind ? `it looks like ${kind}` : `${detail}; the file may be truncated or corrupt`);
  let model: ModelProto;
  try {
    const top = wireFields(bytes);
    if (!top.some((f) => f.no === 7 && f.wireType === 2)) fail(explain('it has no graph'));
    model = onnx.ModelProto.decode(bytes);
    recordWireNotes(model, 'ModelProto', bytes);
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    return fail(explain(`its protobuf data is invalid: ${err instanceof Error ? err.message : String(err)}`));
  }
  const ir = Number(model.irVersion ?? 0);
  if (!Object.prototype.hasOwnProperty.call(model, 'irVersion') || ir <= 0 || ir > 100) fail(explain('it has no valid IR version'));
  if (ir >= 3 && model.opsetImport.length === 0) fail(explain('it has no opset import'));
  rejectExternalData(model, label);
  return model;
}

/** Loupe hashes, converts and ships single files; weights in side files would silently go missing. */
function rejectExternalData(model: ModelProto, label: string): void {
  const external = externalDataTensors(model);
  if (external.length === 0) return;
  const files = [...new Set(external.map((t) => t.location))].join(', ');
  throw new ProblemError([
    problem(
      'model.unsupported',
      `${label} keeps the weights of ${external.length} tensor(s) (e.g. "${external[0].name}") in external data file(s) ${files}; ` +
        'Loupe needs a self-contained .onnx: re-save it with onnx.save_model(model, path, save_as_external_data=False)',
    ),
  ]);
}
