/**
 * A video's length or position as players show it: m:ss, or h:mm:ss from an hour (digits and colons
 * read the same in every language Waymark speaks; the wording around them comes from the catalogs).
 * With `fractions`, tenths of a second (frame stepping shows where it stopped).
 */
export function formatDuration(ms: number, fractions = false): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const tenths = Math.floor(safe / 100) % 10;
  const total = Math.floor(safe / 1000);
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const ss = String(s).padStart(2, '0');
  const out = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
  return fractions ? `${out}.${tenths}` : out;
}
