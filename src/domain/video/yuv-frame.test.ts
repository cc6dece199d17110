import { describe, expect, it } from 'vitest';

import { yuvToRgb, YuvLayout, type YuvFrame } from './yuv-frame';

function i420(w: number, h: number, Y: number, U: number, V: number): YuvFrame {
  const cw = Math.ceil(w / 2);
  const ch = Math.ceil(h / 2);
  const data = new Uint8Array(w * h + 2 * cw * ch);
  data.fill(Y, 0, w * h);
  data.fill(U, w * h, w * h + cw * ch);
  data.fill(V, w * h + cw * ch);
  return {
    layout: YuvLayout.i420,
    width: w,
    height: h,
    data,
    planes: [
      { offset: 0, stride: w },
      { offset: w * h, stride: cw },
      { offset: w * h + cw * ch, stride: cw },
    ],
  };
}

describe('YUV -> RGB (BT.601, limited range)', () => {
  it('maps video black, white and grey to full range', () => {
    const out = new Uint8Array(4 * 4 * 3);
    expect(Array.from(yuvToRgb(i420(4, 4, 16, 128, 128), out).data.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(yuvToRgb(i420(4, 4, 235, 128, 128), out).data.subarray(0, 3))).toEqual([255, 255, 255]);
    expect(Array.from(yuvToRgb(i420(4, 4, 126, 128, 128), out).data.subarray(0, 3))).toEqual([128, 128, 128]);
  });

  it('gives the BT.601 primaries', () => {
    const out = new Uint8Array(2 * 2 * 3);
    // Red in BT.601 limited range: Y 81, U 90, V 240.
    const [r, g, b] = yuvToRgb(i420(2, 2, 81, 90, 240), out).data;
    expect(r).toBeGreaterThanOrEqual(254);
    expect(g).toBeLessThanOrEqual(1);
    expect(b).toBeLessThanOrEqual(1);
  });

  it('reads NV12 (interleaved chroma) like I420', () => {
    const a = i420(4, 2, 100, 60, 200);
    const nv12: YuvFrame = {
      layout: YuvLayout.nv12,
      width: 4,
      height: 2,
      data: new Uint8Array([...new Array<number>(8).fill(100), 60, 200, 60, 200]),
      planes: [
        { offset: 0, stride: 4 },
        { offset: 8, stride: 4 },
      ],
    };
    expect(Array.from(yuvToRgb(nv12, new Uint8Array(24)).data)).toEqual(
      Array.from(yuvToRgb(a, new Uint8Array(24)).data),
    );
  });
});
