import { z } from 'zod';

/** The params every model node shares: which ONNX file, at which precision. */
export const modelParamsShape = {
  /** Path of the FP32 ONNX file; precision variants are its siblings (name.fp16.onnx …). */
  model: z.string().min(1, 'choose an ONNX model file').describe('ONNX model file (FP32)'),
  precision: z.enum(['fp32', 'fp16', 'int8', 'auto']).default('fp32').describe('Numeric precision of the model artifact'),
};
