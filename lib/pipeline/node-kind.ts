/**
 * The contract every node kind file implements. Palette, inspector, validator, compiler, CLI and
 * runtime all read node kinds through this one shape.
 */
import type { z } from 'zod';
import type { ModelInfo, ModelRef, Precision } from './plan';
import type { PortMap } from './ports';
import type { FrameShape, PreprocessOp } from './preprocess-ops';
import type { Problem } from './problems';
import type { RuntimeServices } from './runtime/services';
import type { FrameInfo } from './values';

export type NodeCategory = 'trigger' | 'source' | 'preprocess' | 'model' | 'decision' | 'sink';

export interface CompileContext {
  nodeId: string;
  /** Shape of the frame entering this node's Frame input, as far as known at compile time. */
  frameShape: FrameShape;
  /** Input ports of this node that have an incoming edge. */
  connectedInputs: string[];
  /** Preprocessing fused in front of this node (model nodes only). */
  preprocess: PreprocessOp[];
  /** Model metadata read beforehand from the files the graph names; missing paths are absent. */
  models: Record<string, ModelInfo | { error: Problem }>;
  /** The model artifact resolved for this node's path and precision (model nodes only). */
  resolveModel(path: string, precision: Precision): ModelRef | Problem;
}

export interface CompileOutput {
  config: unknown;
  /** Shape of the Frame this node emits (sources, preprocessing). */
  frameShape?: FrameShape;
  model?: ModelRef;
}

/** Port values for one frame: keyed by port name. */
export type PortValues = Record<string, unknown>;
export type StageOutcome = PortValues | { error: Problem };

export interface StageRunner {
  /** Largest batch this runner accepts at once; 1 = no batching. */
  maxBatch: number;
  /**
   * How many batches may be in run() at once (default 1). A model stage whose inference runs off
   * the JS thread says at least 2: it preprocesses batch n+1 while batch n computes, and queues
   * more where runs are short (see model-node/flight-depth). Read before each batch, so it may be a
   * getter that changes. Outcomes still leave the stage in batch order.
   */
  readonly inFlight?: number;
  run(batch: PortValues[], infos: FrameInfo[]): Promise<StageOutcome[]>;
  close?(): Promise<void>;
}

export interface SourceItem {
  info: FrameInfo;
  values: PortValues;
  /** A frame the source could not produce (corrupt file …): counted as an error, never fatal. */
  error?: Problem;
}

export interface FrameSourceRunner {
  /** Next frame, or null when the source is exhausted. */
  next(signal: AbortSignal): Promise<SourceItem | null>;
  close?(): Promise<void>;
}

export interface TriggerRunner {
  /** Resolves true when the next frame should be taken; false once stopped. */
  wait(signal: AbortSignal): Promise<boolean>;
  close?(): Promise<void>;
}

export interface RunnerContext {
  stageId: string;
  services: RuntimeServices;
  /** Options the host chose (batch size, threads, streams); kind-specific config lives in the plan. */
  maxBatch: number;
  intraOpThreads?: number;
  /** Inference sessions a model stage runs side by side, sharing the threads (default 1). */
  streams?: number;
}

export interface NodeKind<S extends z.ZodType = z.ZodType> {
  kind: string;
  title: string;
  category: NodeCategory;
  description: string;
  params: S;
  inputs: PortMap;
  outputs: PortMap;
  /** Preprocessing kinds: the step the compiler fuses into a model's input pass. */
  toPreprocessOp?(params: z.output<S>): PreprocessOp;
  /** Pure: reads only ctx. Returns problems rather than throwing. */
  compile(params: z.output<S>, ctx: CompileContext): CompileOutput | Problem[];
  /** Exactly one of these, by category. */
  createTrigger?(config: unknown, ctx: RunnerContext): TriggerRunner;
  createSource?(config: unknown, ctx: RunnerContext): FrameSourceRunner;
  createStage?(config: unknown, ctx: RunnerContext, stage: { model?: ModelRef; preprocess?: PreprocessOp[] }): Promise<StageRunner>;
}

/** Identity helper that keeps the params type attached to compile/run. */
export function defineNodeKind<S extends z.ZodType>(kind: NodeKind<S>): NodeKind<S> {
  return kind;
}
