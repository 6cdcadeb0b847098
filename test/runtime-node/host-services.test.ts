import { describe, expect, it } from 'vitest';
import { createConsoleLog } from '@/lib/runtime-node/console-log';
import { createTriggerHub } from '@/lib/runtime-node/trigger-hub';

describe('console log', () => {
  it('given level warn, when entries of every level are logged, then warn and error come out as JSON lines', () => {
    const lines: string[] = [];
    const log = createConsoleLog({ level: 'warn', write: (l) => void lines.push(l) });
    log('debug', 'd');
    log('info', 'i');
    log('warn', 'w', { stageId: 's1' });
    log('error', 'e');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'w', stageId: 's1' }),
      expect.objectContaining({ level: 'error', msg: 'e' }),
    ]);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
  });

  it('given an unknown level name, when created, then it falls back to info', () => {
    const lines: string[] = [];
    const log = createConsoleLog({ level: 'loud', write: (l) => void lines.push(l) });
    log('debug', 'd');
    log('info', 'i');
    expect(lines).toHaveLength(1);
  });
});

describe('trigger hub', () => {
  it('given two subscribers under one name, when fired, then both hear it until they unsubscribe', () => {
    const hub = createTriggerHub();
    let a = 0;
    let b = 0;
    const offA = hub.subscribe('line-1', () => a++);
    hub.subscribe('line-1', () => b++);
    expect(hub.fire('line-1')).toBe(2);
    offA();
    expect(hub.fire('line-1')).toBe(1);
    expect([a, b]).toEqual([1, 2]);
  });
});
