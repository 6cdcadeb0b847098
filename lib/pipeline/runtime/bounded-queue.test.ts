import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue';

describe('BoundedQueue', () => {
  it('given a full queue, when tryPush is called, then it refuses and the size stays at capacity', () => {
    const q = new BoundedQueue<number>(2);
    expect([q.tryPush(1), q.tryPush(2), q.tryPush(3)]).toEqual([true, true, false]);
    expect(q.size).toBe(2);
    expect(q.peak).toBe(2);
  });

  it('given a full queue, when push waits and an item is taken, then the waiting push lands in order', async () => {
    const q = new BoundedQueue<number>(1);
    q.tryPush(1);
    const pushed = q.push(2);
    expect(await q.take(1)).toEqual([1]);
    expect(await pushed).toBe(true);
    expect(await q.take(5)).toEqual([2]);
  });

  it('given items queued, when take asks for more than are there with a fill wait, then it returns what arrived by then', async () => {
    const q = new BoundedQueue<number>(8);
    q.tryPush(1);
    const taking = q.take(4, 50);
    q.tryPush(2);
    q.tryPush(3);
    q.tryPush(4);
    expect(await taking).toEqual([1, 2, 3, 4]);
  });

  it('given a closed queue with items, when taken, then it drains and then returns an empty batch', async () => {
    const q = new BoundedQueue<string>(4);
    q.tryPush('a');
    q.close();
    expect(q.tryPush('b')).toBe(false);
    expect(await q.take(4, 100)).toEqual(['a']);
    expect(await q.take(4)).toEqual([]);
  });

  it('given a waiting pusher and taker, when the queue closes, then both are released', async () => {
    const full = new BoundedQueue<number>(1);
    full.tryPush(1);
    const pushing = full.push(2);
    const empty = new BoundedQueue<number>(1);
    const taking = empty.take(1);
    full.close();
    empty.close();
    expect(await pushing).toBe(false);
    expect(await taking).toEqual([]);
  });

  it('given a pusher waiting for space, when its signal aborts, then waitForSpace answers false', async () => {
    const q = new BoundedQueue<number>(1);
    q.tryPush(1);
    const ac = new AbortController();
    const waiting = q.waitForSpace(ac.signal);
    ac.abort();
    expect(await waiting).toBe(false);
  });

  it('given 50 waits for space on one signal, each ended by a take, when the signal then aborts, then it held one listener and a last waiter still wakes', async () => {
    const q = new BoundedQueue<number>(1);
    q.tryPush(0);
    const ac = new AbortController();
    for (let i = 1; i <= 50; i++) {
      const waiting = q.waitForSpace(ac.signal);
      await q.take(1);
      expect(await waiting).toBe(true);
      q.tryPush(i);
    }
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
    const last = q.waitForSpace(ac.signal);
    ac.abort();
    expect(await last).toBe(false);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('given each case take() decides at once, when takeReady is asked, then it answers the same without waiting, and null where take() would wait', () => {
    const filled = (capacity: number, items: number[], closed = false) => {
      const q = new BoundedQueue<number>(capacity);
      for (const i of items) q.tryPush(i);
      if (closed) q.close();
      return q;
    };
    expect(filled(8, []).takeReady(4, 5)).toBeNull();
    expect(filled(8, [], true).takeReady(4, 5)).toEqual([]);
    expect(filled(8, [1]).takeReady(4, 0)).toEqual([1]);
    expect(filled(8, [1]).takeReady(4, 5)).toBeNull();
    expect(filled(8, [1, 2, 3, 4, 5]).takeReady(4, 5)).toEqual([1, 2, 3, 4]);
    // A batch can never exceed the capacity, so a full queue of 2 is a whole batch of 4.
    expect(filled(2, [1, 2]).takeReady(4, 5)).toEqual([1, 2]);
    expect(filled(8, [1], true).takeReady(4, 5)).toEqual([1]);
    const q = filled(8, [1, 2, 3]);
    expect(q.takeReady(2)).toEqual([1, 2]);
    expect(q.size).toBe(1);
  });

  it('given a bad capacity, when constructed, then it says which', () => {
    expect(() => new BoundedQueue(0)).toThrow(/positive integer, got 0/);
  });

  it('given random producers and batch sizes, when everything is pushed and taken, then order holds and capacity is never exceeded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 60 }), async (capacity, batch, count) => {
        const q = new BoundedQueue<number>(capacity);
        const producer = (async () => {
          for (let i = 0; i < count; i++) await q.push(i);
          q.close();
        })();
        const seen: number[] = [];
        for (let got = await q.take(batch, 1); got.length; got = await q.take(batch, 1)) {
          expect(got.length).toBeLessThanOrEqual(batch);
          expect(q.size).toBeLessThanOrEqual(capacity);
          seen.push(...got);
        }
        await producer;
        expect(seen).toEqual([...Array(count).keys()]);
        expect(q.peak).toBeLessThanOrEqual(capacity);
      }),
      { numRuns: 60 },
    );
  });
});
