import { expect, it } from 'vitest';
import { deployedLine, result } from './fixtures';
import { describeEachDatabase } from './test-databases';

describeEachDatabase('results repository', (db) => {
  it('given a batch, when written, then every field reads back as it went in', async () => {
    const { line, version, deployment } = await deployedLine(db(), 'Results line');
    const failing = result('run1', 1, {
      verdict: 'fail',
      defects: [{ kind: 'scratch', score: 0.91, box: [10, 12, 40, 3] }],
      reasons: ['scratch score 0.91 ≥ 0.5'],
      truth: { defective: true, defects: [{ kind: 'scratch', box: [9, 11, 42, 4] }] },
    });
    const broken = result('run1', 2, { verdict: 'error', error: { code: 'frame.decode', message: 'truncated PNG' } });
    const outcome = await db().results.write({ lineId: line.id, versionId: version.id, deploymentId: deployment.id, results: [result('run1', 0), failing, broken] });
    expect(outcome).toEqual({ accepted: 3, duplicates: 0 });
    expect(await db().results.get('run1:1')).toEqual({
      id: 'run1:1', lineId: line.id, versionId: version.id, deploymentId: deployment.id, frameId: 'frame-1', seq: 1, origin: 'synthetic:7:1',
      inspectedAt: new Date(failing.inspectedAt), verdict: 'fail', defects: failing.defects, reasons: failing.reasons, error: null,
      latencyMs: failing.latencyMs, truthDefective: true,
    });
    expect(await db().results.get('run1:2')).toMatchObject({ verdict: 'error', error: { code: 'frame.decode', message: 'truncated PNG' }, truthDefective: null });
    expect((await db().results.recent(line.id)).map((r) => r.seq)).toEqual([2, 1, 0]);
  });

  it('given a batch sent twice, when written again, then nothing is counted twice', async () => {
    const { line, version, deployment } = await deployedLine(db(), 'Resend line');
    const batch = { lineId: line.id, versionId: version.id, deploymentId: deployment.id, results: Array.from({ length: 2500 }, (_, i) => result('resend', i)) };
    expect(await db().results.write(batch)).toEqual({ accepted: 2500, duplicates: 0 });
    expect(await db().results.write(batch)).toEqual({ accepted: 0, duplicates: 2500 });
    const overlapping = { ...batch, results: Array.from({ length: 20 }, (_, i) => result('resend', 2490 + i)) };
    expect(await db().results.write(overlapping)).toEqual({ accepted: 10, duplicates: 10 });
    expect(await db().results.count({ lineId: line.id })).toBe(2510);
    expect((await db().stats.line(line.id)).inspected).toBe(2510);
  });

  it('given the same key twice inside one batch, when written, then it is stored once', async () => {
    const { line, version } = await deployedLine(db(), 'Dup-in-batch line');
    const outcome = await db().results.write({ lineId: line.id, versionId: version.id, results: [result('d', 1), result('d', 1), result('d', 2)] });
    expect(outcome).toEqual({ accepted: 2, duplicates: 1 });
    expect((await db().results.get('d:1'))?.deploymentId).toBeNull();
  });

  it('given an unknown line or a bad verdict, when written, then problems are reported and nothing is stored', async () => {
    const { line, version } = await deployedLine(db(), 'Bad batch line');
    await expect(db().results.write({ lineId: 'ghost', versionId: version.id, results: [result('bad', 1)] })).rejects.toMatchObject({
      problems: [{ code: 'request.not-found', path: ['lineId'] }],
    });
    const badVerdict = result('bad', 2, { verdict: 'maybe' as never });
    await expect(db().results.write({ lineId: line.id, versionId: version.id, results: [badVerdict] })).rejects.toMatchObject({
      problems: [{ code: 'request.invalid', path: ['results', 0, 'verdict'] }],
    });
    expect(await db().results.count({ lineId: line.id })).toBe(0);
  });
});
