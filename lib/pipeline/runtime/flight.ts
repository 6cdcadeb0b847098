/** One frame on its way through a run: identity, the value bag it has gathered and its timings. */
import type { Problem } from '../problems';
import type { FrameInfo, Verdict } from '../values';

export interface Flight {
  /** The runtime's own copy of the source's info; `error` is set here when a stage fails on it. */
  info: FrameInfo;
  /** Output values keyed `${stageId}:${port}`; a stage's inputs are looked up here. */
  values: Map<string, unknown>;
  enteredAt: number;
  stageMs: Record<string, number>;
  verdict?: Verdict;
}

/**
 * Marks the frame failed. The first failure is the one the frame is counted under; a later one
 * (e.g. a sink that cannot log an already failed frame) is returned so the caller can report it.
 */
export function failFlight(flight: Flight, error: Problem, stageId: string): Problem | undefined {
  const named: Problem = error.nodeId ? error : { ...error, nodeId: stageId };
  if (flight.info.error) return named;
  flight.info.error = named;
  return undefined;
}

/** A Verdict port value, checked loosely: anything with a boolean `pass` decides the frame. */
export function asVerdict(value: unknown): Verdict | undefined {
  if (typeof value !== 'object' || value === null || typeof (value as Verdict).pass !== 'boolean') return undefined;
  const v = value as Partial<Verdict>;
  return { pass: v.pass!, reasons: Array.isArray(v.reasons) ? v.reasons : [], defects: Array.isArray(v.defects) ? v.defects : [] };
}
