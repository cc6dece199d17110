import { useSyncExternalStore } from 'react';

/**
 * The original files of this browser session, by SHA-256: what the analyst added (files and folders;
 * not ZIP entries, whose bytes would have to be kept) or opened again for a full view. Only File
 * handles are held, never their bytes: a File reads from disk when shown. Nothing is stored, so a
 * reload forgets them (the analyst opens the original again; image bytes never leave this tab).
 */
const originals = new Map<string, File>();
const listeners = new Set<() => void>();

export function rememberOriginal(sha256: string, file: File): void {
  if (originals.get(sha256) === file) return;
  originals.set(sha256, file);
  for (const listener of listeners) listener();
}

export function originalFor(sha256: string): File | undefined {
  return originals.get(sha256);
}

/** Forgets every original (on sign-out: the next analyst at this workstation starts without them). */
export function forgetOriginals(): void {
  originals.clear();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The original of an image when this session has it; re-renders when it arrives. */
export function useOriginal(sha256: string | undefined): File | undefined {
  return useSyncExternalStore(subscribe, () => (sha256 ? originals.get(sha256) : undefined));
}
