import { describe, expect, it } from 'vitest';
import { ProblemError, problem } from '@/lib/pipeline/problems';

describe('ProblemError', () => {
  it('given an error thrown by another bundled copy of the module, when checked with instanceof, then it is still a ProblemError', () => {
    // What a second copy of the class makes: an Error carrying the shared brand and the problems.
    const foreign = Object.assign(new Error('request.not-found: gone'), {
      [Symbol.for('loupe.ProblemError')]: true,
      problems: [problem('request.not-found', 'gone')],
    });
    expect(foreign instanceof ProblemError).toBe(true);
    expect(new ProblemError([problem('internal', 'x')]) instanceof ProblemError).toBe(true);
  });

  it('given a plain error or a value that is not an object, when checked, then it is not a ProblemError', () => {
    expect(new Error('boom') instanceof ProblemError).toBe(false);
    expect((null as unknown) instanceof ProblemError).toBe(false);
    expect(({ problems: [] } as unknown) instanceof ProblemError).toBe(false);
  });
});
