/**
 * Encodes a ModelProto. For a model from readModel that was not changed, the output equals the
 * input file byte for byte; new or edited messages are written as protobuf's C++ writer (and so
 * the onnx Python package) would write them. See schema.ts for why not onnx-proto's encoder.
 */
import { encodeMessage } from './encode-message';
import type { ModelProto } from './proto';

export function writeModel(model: ModelProto): Uint8Array {
  return encodeMessage(model, 'ModelProto').finish();
}
