import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * Wellness settings, per user of this browser (persisted locally), and the session's exposure count.
 * Defaults protect: blurred and grayscale; an analyst relaxes them deliberately.
 * Invariant: at most one image is revealed at a time, and only until `revealSeconds` have passed.
 */
export interface WellnessSettings {
  readonly blur: boolean;
  readonly grayscale: boolean;
  readonly revealSeconds: number;
}

export const DEFAULT_WELLNESS: WellnessSettings = { blur: true, grayscale: true, revealSeconds: 4 };
export const REVEAL_SECONDS_RANGE = { min: 1, max: 30 } as const;

interface WellnessState extends WellnessSettings {
  update: (change: Partial<WellnessSettings>) => void;
}

/** The settings; one key per local user so a shared workstation keeps each analyst's choice. */
export const useWellnessSettings = create<WellnessState>()(
  persist(
    (set) => ({
      ...DEFAULT_WELLNESS,
      update: (change) =>
        set((s) => ({
          ...change,
          revealSeconds: Math.min(
            REVEAL_SECONDS_RANGE.max,
            Math.max(REVEAL_SECONDS_RANGE.min, Math.round(change.revealSeconds ?? s.revealSeconds)),
          ),
        })),
    }),
    {
      name: 'waymark.wellness.local-user',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ blur, grayscale, revealSeconds }) => ({ blur, grayscale, revealSeconds }),
    },
  ),
);

interface RevealState {
  readonly revealedId: string | null;
  /** Images revealed in this browser session (sessionStorage: a reload keeps it, a new session resets). */
  readonly exposures: number;
  reveal: (id: string, seconds: number) => void;
  conceal: () => void;
}

let timer: ReturnType<typeof setTimeout> | undefined;

export const useReveal = create<RevealState>()(
  persist(
    (set, get) => ({
      revealedId: null,
      exposures: 0,
      reveal(id, seconds) {
        clearTimeout(timer);
        if (get().revealedId === id) {
          set({ revealedId: null });
          return;
        }
        set((s) => ({ revealedId: id, exposures: s.exposures + 1 }));
        timer = setTimeout(() => set({ revealedId: null }), seconds * 1000);
      },
      conceal() {
        clearTimeout(timer);
        set({ revealedId: null });
      },
    }),
    {
      name: 'waymark.wellness.session',
      storage: createJSONStorage(() => sessionStorage),
      partialize: ({ exposures }) => ({ exposures }),
    },
  ),
);

/**
 * The CSS filter for an image under the current settings, unless it is the revealed one. `blur` is the
 * radius: 12px suits a thumbnail; a large view passes a fraction of its container's width (`5cqw`, the
 * container having `container-type: inline-size`), so a full-size image hides as much as a thumbnail.
 */
export function wellnessFilter(settings: WellnessSettings, revealed: boolean, blur = '12px'): string {
  if (revealed) return 'none';
  const parts = [settings.blur ? `blur(${blur})` : '', settings.grayscale ? 'grayscale(1)' : ''].filter(
    Boolean,
  );
  return parts.length > 0 ? parts.join(' ') : 'none';
}

/** The blur radius of large views (full view, clue canvas): relative to the view's width. */
export const LARGE_VIEW_BLUR = '5cqw';
