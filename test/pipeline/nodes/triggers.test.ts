import { describe, expect, it } from 'vitest';
import { triggerHttp, type HubTriggerRunner } from '@/lib/pipeline/nodes/trigger-http';
import { triggerInterval } from '@/lib/pipeline/nodes/trigger-interval';
import { ProblemError } from '@/lib/pipeline/problems';
import { createTriggerHub } from '@/lib/runtime-node/trigger-hub';
import { nodeTestServices, runnerContext } from './node-test-services';

describe('trigger.interval', () => {
  it('given a rate, when waited on repeatedly, then it fires and stops with false once aborted', async () => {
    const runner = triggerInterval.createTrigger!(triggerInterval.params.parse({ rateHz: 1000 }), runnerContext(nodeTestServices()));
    const stop = new AbortController();
    let fires = 0;
    setTimeout(() => stop.abort(), 30);
    while (await runner.wait(stop.signal)) fires++;
    expect(fires).toBeGreaterThanOrEqual(1);
    expect(await runner.wait(stop.signal)).toBe(false);
  });

  it('given a slow rate, when aborted mid-wait, then wait() resolves false at once', async () => {
    const runner = triggerInterval.createTrigger!(triggerInterval.params.parse({ rateHz: 0.1 }), runnerContext(nodeTestServices()));
    const stop = new AbortController();
    expect(await runner.wait(stop.signal)).toBe(true); // the first picture is taken immediately
    const second = runner.wait(stop.signal);
    stop.abort();
    expect(await second).toBe(false);
  });

  it('given a consumer that was away for many periods, when it waits again, then it gets one fire at once and not a burst', async () => {
    let clock = 0;
    const runner = triggerInterval.createTrigger!(triggerInterval.params.parse({ rateHz: 10 }), runnerContext(nodeTestServices({ now: () => clock })));
    const signal = new AbortController().signal;
    expect(await runner.wait(signal)).toBe(true);
    clock = 10_000; // 100 periods later
    expect(await runner.wait(signal)).toBe(true);
    // The next one is due a full period later, not immediately: advance the simulated clock only when asked.
    let released = false;
    const third = runner.wait(signal).then((v) => ((released = true), v));
    await new Promise((r) => setTimeout(r, 20));
    expect(released).toBe(false);
    clock = 10_100;
    expect(await third).toBe(true);
  });

  it('given a rate outside 0.1..10000 Hz, when parsed, then the params are refused', () => {
    expect(triggerInterval.params.safeParse({ rateHz: 0 }).success).toBe(false);
    expect(triggerInterval.params.safeParse({ rateHz: 20_000 }).success).toBe(false);
    expect(triggerInterval.params.parse({})).toEqual({ rateHz: 2 });
  });
});

describe('trigger.http', () => {
  const make = (params: Record<string, unknown> = {}, hub = createTriggerHub()) => ({
    hub,
    runner: triggerHttp.createTrigger!(triggerHttp.params.parse(params), runnerContext(nodeTestServices({ triggers: hub }), 'http')) as HubTriggerRunner,
  });

  it('given a waiting pipeline, when the host fires its name, then wait() resolves true', async () => {
    const { hub, runner } = make({ name: 'station-3' });
    const waiting = runner.wait(new AbortController().signal);
    expect(hub.fire('other')).toBe(0);
    expect(hub.fire('station-3')).toBe(1);
    expect(await waiting).toBe(true);
  });

  it('given a busy pipeline, when fires arrive beyond the queue, then the queued ones are served and the rest are counted as dropped', async () => {
    const { hub, runner } = make({ maxQueued: 2 });
    for (let i = 0; i < 5; i++) hub.fire('default');
    const signal = new AbortController().signal;
    expect(await runner.wait(signal)).toBe(true);
    expect(await runner.wait(signal)).toBe(true);
    expect(runner.dropped).toBe(3);
    const stop = new AbortController();
    const third = runner.wait(stop.signal);
    stop.abort();
    expect(await third).toBe(false);
  });

  it('given a closed trigger, when the host fires, then nobody listens any more and waiters end', async () => {
    const { hub, runner } = make();
    const waiting = runner.wait(new AbortController().signal);
    await runner.close!();
    expect(await waiting).toBe(false);
    expect(hub.fire('default')).toBe(0);
  });

  it('given a host without a trigger hub, when the trigger is created, then a clear problem', () => {
    const create = () => triggerHttp.createTrigger!(triggerHttp.params.parse({}), runnerContext(nodeTestServices(), 'http'));
    expect(create).toThrow(ProblemError);
    expect(create).toThrow(/needs a host that receives triggers/);
  });

  it('given a name with spaces or slashes, when parsed, then the params are refused', () => {
    expect(triggerHttp.params.safeParse({ name: 'a b' }).success).toBe(false);
    expect(triggerHttp.params.safeParse({ name: '../x' }).success).toBe(false);
  });
});
