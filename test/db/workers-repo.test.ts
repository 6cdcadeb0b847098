import { expect, it } from 'vitest';
import { describeEachDatabase } from './test-databases';

describeEachDatabase('workers repository', (db) => {
  it('given heartbeats from one worker, when listed, then one row holds the latest status', async () => {
    const line = await db().lines.create({ name: 'Worker line', taktMs: 500 });
    await db().workers.heartbeat({ workerId: 'w-1', lineId: line.id, status: { state: 'starting' }, at: new Date(1_000) });
    await db().workers.heartbeat({ workerId: 'w-1', lineId: line.id, status: { state: 'running', fps: 12.5 }, at: new Date(2_000) });
    expect(await db().workers.list({ lineId: line.id })).toEqual([{ id: 'w-1', lineId: line.id, lastSeenAt: new Date(2_000), status: { state: 'running', fps: 12.5 } }]);
    expect(await db().workers.list({ lineId: line.id, seenSince: new Date(3_000) })).toEqual([]);
  });

  it('given an unknown line, when a worker beats, then request.not-found is reported', async () => {
    await expect(db().workers.heartbeat({ workerId: 'w-2', lineId: 'ghost', status: {} })).rejects.toMatchObject({ problems: [{ code: 'request.not-found' }] });
  });
});
