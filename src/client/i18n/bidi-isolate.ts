/**
 * Wraps text that is not the message's own (case names, people, file names, values quoted from a
 * file) in a Unicode first-strong isolate, so a Latin value inside an Arabic sentence (or the reverse)
 * keeps its own direction and does not pull the punctuation around it out of place.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
