import { expect, it } from 'vitest';
import { ProblemError } from '@/lib/pipeline/problems';
import { describeEachDatabase } from './test-databases';

describeEachDatabase('lines repository', (db) => {
  it('given a new line, when created, then it is listed and found by id and by name', async () => {
    const line = await db().lines.create({ name: 'Line A', taktMs: 500 });
    expect(line).toMatchObject({ name: 'Line A', taktMs: 500 });
    expect(line.createdAt).toBeInstanceOf(Date);
    expect((await db().lines.list()).map((l) => l.name)).toContain('Line A');
    expect(await db().lines.get(line.id)).toEqual(line);
    expect(await db().lines.getByName('Line A')).toEqual(line);
  });

  it('given an existing name, when another line takes it, then a request.conflict problem names the field', async () => {
    await db().lines.create({ name: 'Line dup', taktMs: 500 });
    const error = await db().lines.create({ name: 'Line dup', taktMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.problems).toEqual([expect.objectContaining({ code: 'request.conflict', path: ['name'] })]);
  });

  it('given a zero takt time or an empty name, when creating, then request.invalid is reported', async () => {
    await expect(db().lines.create({ name: 'Line zero', taktMs: 0 })).rejects.toMatchObject({ problems: [{ code: 'request.invalid', path: ['taktMs'] }] });
    await expect(db().lines.create({ name: ' ', taktMs: 10 })).rejects.toMatchObject({ problems: [{ code: 'request.invalid', path: ['name'] }] });
  });

  it('given an unknown id, when fetched, then null comes back', async () => {
    expect(await db().lines.get('nope')).toBeNull();
  });
});
