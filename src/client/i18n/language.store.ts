import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

import { isLanguageCode, type LanguageCode } from './languages';

interface LanguageState {
  language: LanguageCode;
  setLanguage: (language: LanguageCode) => void;
}

function browserDefault(): LanguageCode {
  const preferred = navigator.language.slice(0, 2);
  return isLanguageCode(preferred) ? preferred : 'en';
}

/** The chosen language, persisted in localStorage so it survives reloads. */
export const useLanguageStore = create<LanguageState>()(
  persist(
    (set) => ({
      language: browserDefault(),
      setLanguage: (language) => set({ language }),
    }),
    {
      name: 'waymark.language',
      storage: createJSONStorage(() => localStorage),
      merge: (persisted, current) => {
        const language = (persisted as Partial<LanguageState> | undefined)?.language;
        return isLanguageCode(language) ? { ...current, language } : current;
      },
    },
  ),
);
