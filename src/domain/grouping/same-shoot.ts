/**
 * "Same shoot" suggestions from metadata: a weaker kind of link than near-duplicates, offered to the
 * analyst and never merged silently. Two photos are suggested when they come from the same camera
 * (serial number; make + model when neither has a serial) and were taken within `withinMinutes` of each
 * other. Only consecutive photos of a camera are linked (a chain through the shoot), so a shoot of n
 * photos yields n-1 suggestions, not n².
 */
export interface ShootItem {
  readonly id: string;
  readonly make?: string;
  readonly model?: string;
  readonly serial?: string;
  /** ISO-8601 capture time (EXIF DateTimeOriginal), as recorded. */
  readonly capturedAt?: string;
}

export interface ShootLink {
  readonly a: string;
  readonly b: string;
  readonly reason: 'same-serial' | 'same-make-model';
  readonly minutesApart: number;
  /** For the analyst: "Same camera (serial SYN778) 2 min apart". */
  readonly explanation: string;
}

export function suggestSameShoot(
  items: readonly ShootItem[],
  options: { withinMinutes: number },
): ShootLink[] {
  const cameras = new Map<string, { id: string; t: number; reason: ShootLink['reason']; label: string }[]>();
  for (const item of items) {
    const t = item.capturedAt ? Date.parse(item.capturedAt) : Number.NaN;
    if (!Number.isFinite(t)) continue;
    const serial = item.serial?.trim();
    const make = item.make?.trim();
    const model = item.model?.trim();
    let key: string;
    let reason: ShootLink['reason'];
    let label: string;
    if (serial) {
      key = `s:${(make ?? '').toLowerCase()}|${serial.toLowerCase()}`;
      reason = 'same-serial';
      label = `serial ${serial}`;
    } else if (make && model) {
      key = `m:${make.toLowerCase()}|${model.toLowerCase()}`;
      reason = 'same-make-model';
      label = `${make} ${model}, no serial`;
    } else continue;
    const list = cameras.get(key) ?? [];
    list.push({ id: item.id, t, reason, label });
    cameras.set(key, list);
  }
  const links: ShootLink[] = [];
  for (const list of cameras.values()) {
    list.sort((x, y) => x.t - y.t || (x.id < y.id ? -1 : 1));
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1]!;
      const cur = list[k]!;
      const minutes = (cur.t - prev.t) / 60_000;
      if (minutes > options.withinMinutes) continue;
      const rounded = Math.round(minutes * 10) / 10;
      links.push({
        a: prev.id,
        b: cur.id,
        reason: cur.reason,
        minutesApart: rounded,
        explanation: `Same camera (${cur.label}), ${rounded} min apart`,
      });
    }
  }
  return links;
}
