import type { Frame } from '../values';

/** A fresh RGB copy of a frame (gray is repeated into all three channels), safe to draw on. */
export function toRgb(frame: Frame): Frame & { channels: 3 } {
  const n = frame.width * frame.height;
  if (frame.channels === 3) return { width: frame.width, height: frame.height, channels: 3, data: frame.data.slice(0, n * 3) };
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) data[3 * i] = data[3 * i + 1] = data[3 * i + 2] = frame.data[i];
  return { width: frame.width, height: frame.height, channels: 3, data };
}
