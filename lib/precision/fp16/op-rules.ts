/**
 * What we know about each standard op, for float16 conversion: how its output element types
 * follow from its inputs, and whether it accepts float16. Ops missing from these tables are never
 * converted (kept in float32 with Casts around them) — unknown means untouched, not guessed.
 */

/** Ops whose outputs all share input 0's element type and that accept float16 in every opset ≥ 7. */
const SAME_AS_INPUT0 = `Abs Acos Acosh Add AffineGrid Asin Asinh Atan Atanh AveragePool BatchNormalization Ceil Celu
 CenterCropPad Clip Col2Im Compress Concat Conv ConvTranspose Cos Cosh CumSum DepthToSpace Det Div Dropout Einsum Elu Erf Exp
 Expand Flatten Floor Gather GatherElements GatherND Gelu Gemm GlobalAveragePool GlobalLpPool GlobalMaxPool GridSample
 GroupNormalization HardSigmoid HardSwish Hardmax Identity InstanceNormalization LRN LayerNormalization LeakyRelu Log
 LogSoftmax LpNormalization LpPool MatMul Max MaxPool MaxRoiPool MaxUnpool Mean MeanVarianceNormalization Min Mish Mod Mul
 Neg PRelu Pad Pow Range Reciprocal ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceMax ReduceMean ReduceMin ReduceProd
 ReduceSum ReduceSumSquare Relu Reshape Resize ReverseSequence RoiAlign Round Scatter ScatterElements ScatterND Selu Shrink
 Sigmoid Sign Sin Sinh Slice Softmax Softplus Softsign SpaceToDepth Split Sqrt Squeeze Sub Sum Tan Tanh ThresholdedRelu Tile
 TopK Transpose Trilu Unique Unsqueeze Upsample`
  .split(/\s+/)
  .filter(Boolean);
const SAME = new Set(SAME_AS_INPUT0);

const BOOL_OUT = new Set(['Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);
const INT64_OUT = new Set(['Shape', 'Size', 'ArgMax', 'ArgMin', 'NonZero', 'NonMaxSuppression']);

/** Outputs with a fixed type whatever T is (index outputs, LayerNorm's float32 statistics). */
const FIXED_OUTPUTS: Record<string, Record<number, 'int64' | 'bool' | 'float32'>> = {
  MaxPool: { 1: 'int64' },
  TopK: { 1: 'int64' },
  Unique: { 1: 'int64', 2: 'int64', 3: 'int64' },
  Dropout: { 1: 'bool' },
  LayerNormalization: { 1: 'float32', 2: 'float32' },
};

/** Inputs that must stay float32 even in a float16 node (their schema type is float only, or ORT reads them as float). */
export const FLOAT32_INPUTS: Record<string, number[]> = {
  Resize: [1, 2],
  Upsample: [1],
};

/** Ops that take any element type on these inputs: no Cast is needed in front of them. */
export const ANY_TYPE_INPUTS: Record<string, number[]> = { Cast: [0], Shape: [0], Size: [0] };

/** Ops whose schema never allows float16 (or not before the given opset). */
const NO_FLOAT16_BEFORE: Record<string, number> = { Range: Infinity, NonMaxSuppression: Infinity, CumSum: 14 };

/** Ops that can run in float16 given the opset (besides Constant-like sources handled separately). */
export function acceptsFloat16(opType: string, opset: number): boolean {
  const limit = NO_FLOAT16_BEFORE[opType];
  if (limit !== undefined && opset < limit) return false;
  return SAME.has(opType) || BOOL_OUT.has(opType) || INT64_OUT.has(opType) || ['Cast', 'CastLike', 'Where'].includes(opType);
}

export type TypeCode = 'int64' | 'bool' | 'float32';

/** Output element types from input types; undefined where the rule does not know. */
export function outputTypes(
  opType: string,
  inputs: (number | undefined)[],
  outputCount: number,
  codes: Record<TypeCode, number>,
): (number | undefined)[] {
  const all = (t: number | undefined) => Array.from({ length: outputCount }, () => t);
  if (BOOL_OUT.has(opType)) return all(codes.bool);
  if (INT64_OUT.has(opType)) return all(codes.int64);
  if (opType === 'Where') return all(inputs[1]);
  if (opType === 'CastLike') return all(inputs[1]);
  if (!SAME.has(opType)) return all(undefined);
  const fixed = FIXED_OUTPUTS[opType] ?? {};
  return Array.from({ length: outputCount }, (_, i) => (fixed[i] ? codes[fixed[i]] : inputs[0]));
}

/** Output indices whose type is fixed float32 whatever T is (they stay float32 in a float16 node). */
export function float32Outputs(opType: string): number[] {
  const fixed = FIXED_OUTPUTS[opType] ?? {};
  return Object.keys(fixed)
    .map(Number)
    .filter((i) => fixed[i] === 'float32');
}
