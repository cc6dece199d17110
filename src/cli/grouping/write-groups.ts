/**
 * Writes `{"groups":[[{"<key>":…}, …], …]}`: every item in exactly one group, groups in the order of
 * their first item, members in input order. Written in chunks: a million ids make tens of megabytes.
 */
export async function writeGroupsJson(
  out: NodeJS.WritableStream,
  key: 'id' | 'path',
  names: readonly string[],
  labels: Int32Array,
  groupCount: number,
  links: readonly { readonly path: string; readonly groups: readonly number[] }[] = [],
): Promise<void> {
  const members = membersByGroup(labels, groupCount);
  const prefix = `{${JSON.stringify(key)}:`;
  let chunk = '{"groups":[';
  for (let g = 0; g < groupCount; g++) {
    chunk += g ? ',[' : '[';
    const { from, to, order } = members(g);
    for (let p = from; p < to; p++)
      chunk += `${p > from ? ',' : ''}${prefix}${JSON.stringify(names[order[p]!]!)}}`;
    chunk += ']';
    if (chunk.length > 1 << 20) {
      await write(out, chunk);
      chunk = '';
    }
  }
  // Videos linked to several groups (listed in the first): {"path","groups":[group numbers, 0-based]}.
  const linked = links.length
    ? `,"links":${JSON.stringify(links.map((l) => ({ path: l.path, groups: l.groups })))}`
    : '';
  await write(out, `${chunk}]${linked}}\n`);
}

/** Human-readable: groups of two or more, then a count of the rest. */
export async function writeGroupsText(
  out: NodeJS.WritableStream,
  names: readonly string[],
  labels: Int32Array,
  groupCount: number,
  links: readonly { readonly path: string; readonly groups: readonly number[] }[] = [],
): Promise<void> {
  const members = membersByGroup(labels, groupCount);
  const shownAs = new Map<number, number>();
  let chunk = '';
  let singles = 0;
  let shown = 0;
  for (let g = 0; g < groupCount; g++) {
    const { from, to, order } = members(g);
    if (to - from < 2) {
      singles++;
      continue;
    }
    shown++;
    shownAs.set(g, shown);
    chunk += `group ${shown} (${to - from} files)\n`;
    for (let p = from; p < to; p++) chunk += `  ${names[order[p]!]!}\n`;
    if (chunk.length > 1 << 20) {
      await write(out, chunk);
      chunk = '';
    }
  }
  for (const l of links) {
    const named = l.groups.map((g) => {
      const { from, order } = members(g);
      return shownAs.has(g) ? `group ${shownAs.get(g)}` : names[order[from]!]!;
    });
    chunk += `video linked to ${named.join(' and ')}: ${l.path}\n`;
  }
  chunk += `${labels.length} files: ${shown} groups of near-duplicates, ${singles} files on their own\n`;
  await write(out, chunk);
}

function membersByGroup(labels: Int32Array, groupCount: number) {
  const start = new Int32Array(groupCount + 1);
  for (const l of labels) start[l + 1]!++;
  for (let g = 0; g < groupCount; g++) start[g + 1]! += start[g]!;
  const cursor = start.slice();
  const order = new Int32Array(labels.length);
  labels.forEach((l, i) => (order[cursor[l]!++] = i));
  return (g: number) => ({ from: start[g]!, to: start[g + 1]!, order });
}

function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(text)) return resolve();
    // Wait for the pipe to drain; remove the other listener either way, so none pile up.
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    const onError = (error: unknown) => {
      out.off('drain', onDrain);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}
