import { createSHA256 } from 'hash-wasm';

import { rememberOriginal } from './session-originals';

export type OriginalCheck = 'ok' | 'wrong' | 'unreadable';

/**
 * Accepts a file the analyst picked as an image's original only if its SHA-256 is the image's; an
 * accepted original is kept for the session (full view, clue canvas, trace export).
 */
export async function verifyOriginal(file: File, sha256: string): Promise<OriginalCheck> {
  try {
    if ((await sha256OfFile(file)) !== sha256) return 'wrong';
  } catch {
    return 'unreadable';
  }
  rememberOriginal(sha256, file);
  return 'ok';
}

/** SHA-256 (hex) of a file, streamed so a large original is never held whole. */
async function sha256OfFile(file: Blob): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
  }
  return hasher.digest('hex');
}
