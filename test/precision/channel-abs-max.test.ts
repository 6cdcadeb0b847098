/** The streaming per-channel max |x| that SmoothQuant's calibration keeps: bounded, batch by batch. */
import { describe, expect, it } from 'vitest';
import { ChannelAbsMax } from '@/lib/precision/calibrate/channel-abs-max';

describe('ChannelAbsMax', () => {
  it('given two NCHW batches, when folded on axis 1, then each channel keeps its largest |x| over both', () => {
    const m = new ChannelAbsMax(1);
    // [N=2, C=2, H=1, W=2]: channel 0 then channel 1 of each sample.
    m.add(Float32Array.of(1, -3, 0.5, 0.25, 2, 1, -0.75, 0), [2, 2, 1, 2]);
    m.add(Float32Array.of(-4, 0, 0, 0.5), [1, 2, 1, 2]);
    expect([...m.values()]).toEqual([4, 0.75]);
  });

  it('given axis −1 on a [2, 3] batch, when folded, then the last axis is the channel', () => {
    const m = new ChannelAbsMax(-1);
    m.add(Float32Array.of(1, -2, 3, -4, 5, 0), [2, 3]);
    expect([...m.values()]).toEqual([4, 5, 3]);
  });

  it('given a batch with another channel count, when folded, then it throws naming both counts', () => {
    const m = new ChannelAbsMax(1);
    m.add(new Float32Array(4), [1, 4]);
    expect(() => m.add(new Float32Array(3), [1, 3])).toThrow('from 4 to 3');
  });
});
