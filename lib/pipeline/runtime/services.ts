/**
 * What the runtime needs from the outside world. lib/pipeline never imports onnxruntime, sharp,
 * Prisma or node:fs directly; the host (worker, CLI, tests, browser) passes an implementation.
 */
import type { Problem } from '../problems';
import type { DefectRecord, Frame, GroundTruth, Tensor } from '../values';

export interface ModelSessionOptions {
  /** Threads for inference (default: every core), shared by the `streams` sessions opened with the same option. */
  intraOpThreads?: number;
  /** This session is one of `streams` running side by side: it takes its share of the threads. */
  streams?: number;
  executionProvider?: 'cpu' | 'cuda' | 'wasm' | 'webgpu';
  /**
   * Feed this float input 8-bit pixels instead, the model applying value = byte · scale[c] + bias[c]
   * itself (see model-node/byte-feed). An engine that cannot leaves the input as it is; the session
   * says which way it took them through ModelSession.byteLayout.
   */
  byteInput?: ByteInput;
}

/**
 * How a session takes 8-bit pixels: 'nchw', one plane per model channel (picked and split by the
 * caller); 'nhwc', interleaved as the camera wrote them, in the camera's channel order (the model
 * reorders, scales and shifts them itself).
 */
export type ByteLayout = 'nchw' | 'nhwc';

export interface ByteInput {
  input: string;
  /** Per model channel. */
  scale: number[];
  bias: number[];
  /** The model channel each camera channel feeds. */
  planeOf: number[];
  /** The layouts the caller can write, in order of preference (default: NHWC, then NCHW). */
  layouts?: readonly ByteLayout[];
}

/** What a session is fed: float tensors, or 8-bit pixels for an input opened as a byte input. */
export interface FeedTensor {
  dims: number[];
  data: Float32Array | Uint8Array;
}

/**
 * A run's outputs by name. A Map, not an object: output names are often numbers (PyTorch exports
 * call them "758"), and an object keyed by one keeps a sparse array of that length (~9 KB), made
 * again for every frame's outputs.
 */
export type ModelOutputs = ReadonlyMap<string, Tensor>;

export interface ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * True when run() computes off the JS thread, so the caller can prepare the next batch while
   * one runs (a model stage then keeps two or more batches in flight: see model-node/flight-depth).
   */
  readonly offThread?: boolean;
  /**
   * True when run() takes a batch of N items for a model whose batch dimension is fixed at 1: it
   * runs them one by one, where the model runs, and joins the outputs along the batch dimension.
   * A model stage then batches frames for such a model too (one message and one stage round per
   * batch rather than per frame).
   */
  readonly splitsBatch?: boolean;
  /** Set when the session was opened with a byteInput and its model takes bytes there: in which layout. */
  readonly byteLayout?: ByteLayout;
  /** `transferInputs`: the caller will not touch the feeds' arrays again, so they may be moved rather than copied. */
  run(feeds: Record<string, FeedTensor>, hints?: { transferInputs?: boolean }): Promise<ModelOutputs>;
  /**
   * A float32 array of `length` to fill and pass to run() with transferInputs: one an earlier run
   * has finished with when the session recycles them (its contents are stale: write all of it),
   * else a new one. Saves a large allocation, and its page faults, on every batch.
   */
  inputArray?(length: number): Float32Array;
  /** The same for a byte input: a Uint8Array of `length`. */
  inputBytes?(length: number): Uint8Array;
  /**
   * The caller is done with a run's outputs: nothing refers to their arrays any more. A session
   * that recycles may fill the same memory with a later run's outputs, and may detach the arrays
   * now (a stray view then reads as empty rather than as another run's values).
   */
  recycle?(outputs: ModelOutputs): void;
  release(): Promise<void>;
}

export interface InferenceEngine {
  load(path: string, options?: ModelSessionOptions): Promise<ModelSession>;
}

export interface ImageCodec {
  /** Decodes to 8-bit gray or RGB. Throws a ProblemError (frame.decode / frame.too-large / frame.empty). */
  decode(bytes: Uint8Array, options: { maxPixels: number }): Promise<Frame>;
  encodePng(frame: Frame): Promise<Uint8Array>;
}

export interface FileSystem {
  /** Paths (dir joined with each name) of the regular files directly inside dir. */
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<Uint8Array>;
  write(path: string, bytes: Uint8Array): Promise<void>;
  /** Calls back with new file paths until the signal aborts. */
  watch?(dir: string, onFile: (path: string) => void, signal: AbortSignal): void;
}

/** One inspected part, as logged. */
export interface ResultRecord {
  frameId: string;
  seq: number;
  origin: string;
  inspectedAt: number;
  verdict: 'pass' | 'fail' | 'error';
  defects: DefectRecord[];
  reasons: string[];
  latencyMs: number;
  error?: Problem;
  truth?: GroundTruth;
}

export interface ResultSink {
  write(records: ResultRecord[]): Promise<void>;
}

/** Software triggers: a host delivers fire() calls, e.g. from an HTTP POST. */
export interface TriggerHub {
  subscribe(name: string, onFire: () => void): () => void;
}

export interface RuntimeServices {
  inference: InferenceEngine;
  images: ImageCodec;
  files: FileSystem;
  results: ResultSink;
  triggers?: TriggerHub;
  now(): number;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void;
}
