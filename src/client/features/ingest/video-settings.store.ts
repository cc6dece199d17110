import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

import { DEFAULT_SECONDS_PER_HASH } from '../../../domain/video/vpdq-feature';

/**
 * How videos are sampled when they are added (per user of this browser, persisted locally): one frame
 * hashed every `secondsPerHash` seconds (the vPDQ default is 1; 0 hashes every frame: slower, and only
 * needed to compare with lists made that way).
 */
export const SECONDS_PER_HASH_RANGE = { min: 0, max: 60 } as const;

interface VideoSettingsState {
  readonly secondsPerHash: number;
  setSecondsPerHash: (seconds: number) => void;
}

export const useVideoSettings = create<VideoSettingsState>()(
  persist(
    (set) => ({
      secondsPerHash: DEFAULT_SECONDS_PER_HASH,
      setSecondsPerHash: (seconds) =>
        set({
          secondsPerHash: Number.isFinite(seconds)
            ? Math.min(SECONDS_PER_HASH_RANGE.max, Math.max(SECONDS_PER_HASH_RANGE.min, seconds))
            : DEFAULT_SECONDS_PER_HASH,
        }),
    }),
    {
      name: 'waymark.video.local-user',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ secondsPerHash }) => ({ secondsPerHash }),
    },
  ),
);
