/**
 * The one catalog of problem codes. Every error Loupe reports — a validation problem, a
 * compile failure, a frame error, an API error — is a Problem with one of these codes.
 */
export const PROBLEM_CODES = {
  'graph.invalid': 'The file is not a pipeline graph',
  'graph.version': 'The pipeline file is from an unsupported version',
  'graph.duplicate-id': 'Two nodes or edges share an id',
  'graph.cycle': 'The graph has a cycle',
  'graph.no-source': 'The pipeline has no source node',
  'node.unknown-kind': 'Unknown node kind',
  'node.bad-params': 'A parameter is invalid',
  'edge.dangling': 'An edge points at a node or port that does not exist',
  'edge.type-mismatch': 'An edge connects ports of different types',
  'edge.duplicate-input': 'An input port has more than one incoming edge',
  'port.missing-input': 'A required input is not connected',
  'model.missing-file': 'The model file does not exist',
  'model.not-onnx': 'The file is not an ONNX model',
  'model.unsupported': 'The model cannot be used by this node',
  'model.input-mismatch': 'The model input does not fit the preprocessing wired into it',
  'precision.calib-empty': 'The calibration folder is missing, empty or has no images',
  'precision.calib-image': 'A calibration image cannot be read or fit to the model input',
  'precision.bad-input-spec': 'The input spec (spec.json) is invalid',
  'precision.non-finite': 'The reduced-precision model produces NaN or Inf where the FP32 model does not',
  'precision.bad-smoothquant': 'The SmoothQuant alpha is not a number from 0 to 1 or "auto"',
  'precision.dataset-empty': 'The labelled dataset folder is missing, empty or has no labelled images',
  'precision.dataset-image': 'A dataset image cannot be read or fit to the model input',
  'precision.dataset-label': 'A dataset label file is malformed',
  'precision.eval-mismatch': 'The model outputs do not fit the evaluation task or dataset',
  'precision.budget-unmet': 'No mixed-precision variant meets the accuracy budget',
  'precision.bad-budget': 'The accuracy budget is missing or does not fit the task',
  'frame.decode': 'The image could not be decoded',
  'frame.too-large': 'The image is larger than the allowed pixel count',
  'frame.empty': 'The image file is empty',
  'frame.stage-failed': 'A stage failed on this frame',
  'plan.invalid': 'The plan cannot be run',
  'run.bad-options': 'A run option is invalid',
  'request.invalid': 'The request is invalid',
  'request.not-found': 'Not found',
  'request.conflict': 'Conflict',
  'db.bad-url': 'The database URL is not a file: or postgres:// URL',
  'db.migration-changed': 'A database migration was changed after it was applied',
  'db.unreachable': 'The database cannot be reached',
  'internal': 'Internal error',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export interface Problem {
  code: ProblemCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  port?: string;
  /** Path into the node's params (zod issue path) or into the document. */
  path?: (string | number)[];
}

export function problem(code: ProblemCode, message: string, where: Omit<Problem, 'code' | 'message'> = {}): Problem {
  return { code, message, ...where };
}

/** Thrown only at trust boundaries (CLI, API) to carry problems out of a call stack. */
const BRAND = Symbol.for('loupe.ProblemError');

export class ProblemError extends Error {
  readonly [BRAND] = true;

  /**
   * Recognised by brand, not by prototype: Next bundles a module once per entry (routes,
   * instrumentation), and an error thrown by one copy must still be a ProblemError to another.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.code}: ${p.message}`).join('\n'));
    this.name = 'ProblemError';
  }
}
