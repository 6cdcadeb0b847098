/**
 * The in-process TriggerHub: a host (the worker's HTTP endpoint, the CLI, a test) calls fire(name)
 * and every trigger.http node subscribed under that name takes a picture.
 */
import { EventEmitter } from 'node:events';
import type { TriggerHub } from '../pipeline/runtime/services';

export interface FiringTriggerHub extends TriggerHub {
  /** Returns how many subscribers received the fire (0 = no pipeline listens under that name). */
  fire(name: string): number;
}

export function createTriggerHub(): FiringTriggerHub {
  const events = new EventEmitter();
  // Many pipelines may listen under one name; that is not a leak.
  events.setMaxListeners(0);
  return {
    subscribe(name, onFire) {
      const listener = () => onFire();
      events.on(name, listener);
      return () => void events.off(name, listener);
    },
    fire(name) {
      const count = events.listenerCount(name);
      events.emit(name);
      return count;
    },
  };
}
