/** Options of INT8 static quantization (QDQ), as a zod object. */
import { z } from 'zod';
import { CalibrationMethod } from '../calibrate/tensor-range';

/** Ops whose integer kernels ORT fuses from DQ → op → Q (QLinearConv, QGemm, QLinearAdd, …). */
export const COMPUTE_OPS = ['Conv', 'Gemm', 'MatMul', 'Add', 'Mul', 'Concat', 'AveragePool', 'GlobalAveragePool', 'Sigmoid', 'LeakyRelu'] as const;
/** Ops that only move or select values: their output reuses the input's scale so ORT can run them on uint8 directly. */
export const MOVE_OPS = ['MaxPool', 'Reshape', 'Transpose', 'Flatten', 'Squeeze', 'Unsqueeze', 'Resize', 'Gather'] as const;
export const DEFAULT_OP_TYPES: string[] = [...COMPUTE_OPS, ...MOVE_OPS];

export const Int8Options = z
  .object({
    method: CalibrationMethod.default('minmax'),
    /** Percentile kept by the percentile method (e.g. 99.999 clips the top 0.001 % of values). */
    percentile: z.number().gt(50).max(100).default(99.999),
    perChannel: z.boolean().default(false),
    activationType: z.enum(['uint8', 'int8']).default('uint8'),
    /**
     * How weights are stored. int8 (U8S8 kernels) is fastest with VNNI; x86 kernels without it add
     * pairs of u8×s8 products in 16 bits, which 8-bit weights overflow (255·127·2 > 32767) and
     * saturate, silently. uint8 (zero point 128, the same 8-bit values shifted) takes ONNX Runtime's
     * U8U8 kernels, which widen before adding and never saturate. Unset: int8 where the CPU that
     * quantizes has VNNI, uint8 elsewhere.
     */
    weightType: z.enum(['int8', 'uint8']).optional(),
    /** Symmetric activations (zero point 0); default asymmetric, which suits post-ReLU tensors. */
    symmetricActivations: z.boolean().default(false),
    /** Also put Q/DQ on the model's outputs (ORT's tool does); off by default since it only costs precision. */
    quantizeOutputs: z.boolean().default(false),
    opTypes: z.array(z.string()).default(DEFAULT_OP_TYPES),
    excludeNodes: z.array(z.string()).default([]),
    excludeOpTypes: z.array(z.string()).default([]),
    /** At most this many calibration images are used (sorted by path). */
    maxImages: z.number().int().positive().optional(),
    /** Images per inference; capped by a fixed batch dimension in the model. */
    batchSize: z.number().int().positive().max(64).default(8),
  })
  .strict();

export type Int8Options = z.infer<typeof Int8Options>;
export type Int8OptionsInput = z.input<typeof Int8Options>;
