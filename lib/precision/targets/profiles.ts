/**
 * What each deployment target does fast, per precision: whether it has kernels that compute in
 * that format (native), runs it by converting back to FP32 (emulated: smaller file, no speed-up,
 * often a slow-down from the casts), or cannot run it. The eval report and the editor use this to
 * warn before a slow choice reaches a line. Facts are ONNX Runtime's execution providers as of 1.2x.
 */
import { z } from 'zod';

export const TargetId = z.enum(['cpu', 'cpu-vnni', 'cuda', 'tensorrt', 'webgpu', 'wasm']);
export type TargetId = z.infer<typeof TargetId>;

export type Support = 'native' | 'emulated' | 'unsupported';
export type ProfilePrecision = 'fp32' | 'fp16' | 'int8';

export interface PrecisionSupport {
  support: Support;
  /** One sentence for the user: what to expect and why. */
  note: string;
}

export interface TargetProfile {
  id: TargetId;
  title: string;
  /** The ONNX Runtime execution provider that runs it. */
  provider: 'cpu' | 'cuda' | 'tensorrt' | 'webgpu' | 'wasm';
  /** Precisions in the order this target prefers them for speed. */
  fastest: ProfilePrecision[];
  precisions: Record<ProfilePrecision, PrecisionSupport>;
}

const fp32 = (note = 'Reference precision; every operator has an FP32 kernel.'): PrecisionSupport => ({ support: 'native', note });
const FP16_ON_CPU: PrecisionSupport = {
  support: 'emulated',
  note: 'FP16 on CPU computes in FP32: ONNX Runtime casts around the few FP16 kernels it has, so expect no speed-up (often a slow-down); only the file is smaller.',
};

export const TARGET_PROFILES: Record<TargetId, TargetProfile> = {
  cpu: {
    id: 'cpu',
    title: 'CPU (x86-64 AVX2 or ARM, no VNNI)',
    provider: 'cpu',
    fastest: ['int8', 'fp32', 'fp16'],
    precisions: {
      fp32: fp32(),
      fp16: FP16_ON_CPU,
      int8: {
        support: 'native',
        note: 'INT8 runs in integer kernels (QLinearConv, QGemm). Without VNNI, u8×s8 products go through 16-bit sums that can saturate, so weights quantized on such a CPU are stored as uint8 (U8U8 kernels, which widen first and never saturate): a speed-up of about 1.5–2×.',
      },
    },
  },
  'cpu-vnni': {
    id: 'cpu-vnni',
    title: 'CPU with VNNI (AVX512-VNNI or AVX-VNNI)',
    provider: 'cpu',
    fastest: ['int8', 'fp32', 'fp16'],
    precisions: {
      fp32: fp32(),
      fp16: FP16_ON_CPU,
      int8: { support: 'native', note: 'INT8 runs in integer kernels with VNNI dot products (no saturation): the fastest choice, often 2–4× FP32 on convolutions.' },
    },
  },
  cuda: {
    id: 'cuda',
    title: 'NVIDIA GPU, CUDA execution provider',
    provider: 'cuda',
    fastest: ['fp16', 'fp32', 'int8'],
    precisions: {
      fp32: fp32('FP32 runs natively (TF32 tensor cores where enabled).'),
      fp16: { support: 'native', note: 'FP16 runs on tensor cores: the fastest choice on this target, about half the memory traffic of FP32.' },
      int8: {
        support: 'emulated',
        note: 'The CUDA provider has no integer kernels for QDQ models: DequantizeLinear feeds FP32 kernels, so INT8 is slower than FP32 here; use FP16, or TensorRT for INT8.',
      },
    },
  },
  tensorrt: {
    id: 'tensorrt',
    title: 'NVIDIA GPU, TensorRT execution provider',
    provider: 'tensorrt',
    fastest: ['int8', 'fp16', 'fp32'],
    precisions: {
      fp32: fp32(),
      fp16: { support: 'native', note: 'FP16 runs on tensor cores.' },
      int8: {
        support: 'native',
        note: 'TensorRT builds INT8 engines from QDQ models, but only with symmetric (zero point 0) int8 activations; uint8 or asymmetric QDQ falls back to slower layers.',
      },
    },
  },
  webgpu: {
    id: 'webgpu',
    title: 'Browser GPU (onnxruntime-web, WebGPU)',
    provider: 'webgpu',
    fastest: ['fp16', 'fp32', 'int8'],
    precisions: {
      fp32: fp32(),
      fp16: { support: 'native', note: "FP16 is native where the GPU adapter has the 'shader-f16' feature; without it the model does not load on WebGPU." },
      int8: { support: 'emulated', note: 'WebGPU has no integer kernels for QDQ convolutions: INT8 dequantizes to FP32, so only the download is smaller.' },
    },
  },
  wasm: {
    id: 'wasm',
    title: 'Browser CPU (onnxruntime-web, WebAssembly SIMD)',
    provider: 'wasm',
    fastest: ['int8', 'fp32', 'fp16'],
    precisions: {
      fp32: fp32(),
      fp16: { support: 'emulated', note: 'WebAssembly has no FP16 arithmetic: FP16 computes in FP32 behind casts, expect no speed-up.' },
      int8: { support: 'native', note: 'INT8 runs in integer kernels (WebAssembly SIMD, no VNNI): a moderate speed-up over FP32 and a 4× smaller download.' },
    },
  },
};
