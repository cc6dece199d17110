import { afterEach, describe, expect, it, vi } from 'vitest';

const memory = () => {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
};
vi.stubGlobal('localStorage', memory());
vi.stubGlobal('sessionStorage', memory());

const { DEFAULT_WELLNESS, useReveal, useWellnessSettings, wellnessFilter } = await import('./wellness.store');

afterEach(() => vi.useRealTimers());

describe('wellness', () => {
  it('blurs and grays by default, and relaxes only what the analyst turns off', () => {
    expect(wellnessFilter(DEFAULT_WELLNESS, false)).toBe('blur(12px) grayscale(1)');
    expect(wellnessFilter({ ...DEFAULT_WELLNESS, blur: false }, false)).toBe('grayscale(1)');
    expect(wellnessFilter(DEFAULT_WELLNESS, true)).toBe('none');
  });

  it('clamps the reveal time and persists the settings locally', () => {
    useWellnessSettings.getState().update({ revealSeconds: 999, grayscale: false });
    expect(useWellnessSettings.getState()).toMatchObject({ revealSeconds: 30, grayscale: false });
    expect(localStorage.getItem('waymark.wellness.local-user')).toContain('"grayscale":false');
  });

  it('reveals one image at a time, re-blurs after the delay, and counts exposures', () => {
    vi.useFakeTimers();
    const reveal = useReveal.getState();
    reveal.reveal('a', 3);
    reveal.reveal('b', 3);
    expect(useReveal.getState()).toMatchObject({ revealedId: 'b', exposures: 2 });
    vi.advanceTimersByTime(3000);
    expect(useReveal.getState().revealedId).toBeNull();
    useReveal.getState().reveal('c', 3);
    useReveal.getState().reveal('c', 3);
    expect(useReveal.getState()).toMatchObject({ revealedId: null, exposures: 3 });
  });
});
