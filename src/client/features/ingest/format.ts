/** Localized sizes and durations for the progress line (Intl units, so Arabic gets its own digits). */
export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

export function formatDuration(seconds: number, language: string): string {
  const minutes = seconds >= 90;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: minutes ? 'minute' : 'second',
    unitDisplay: 'long',
    maximumFractionDigits: 0,
  }).format(minutes ? seconds / 60 : Math.max(1, seconds));
}

export function formatRate(perSecond: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: perSecond < 10 ? 1 : 0 }).format(perSecond);
}
